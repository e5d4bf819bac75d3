export { registerServiceContextRoutes, SERVICE_CONTEXT_PATH } from './service-context.routes.js';
