/**
 * Body limit of the routes that take texts to score (GraphQL and the Open Inference
 * Protocol): a full batch (1000 texts of 5000 characters, up to 4 bytes each in UTF-8)
 * fits; other routes keep fastify's 1 MiB.
 */
export const TEXT_BODY_LIMIT = 24 * 1024 * 1024;
