import { registerEnumType } from 'type-graphql';

export const ModelBackendEnum = { LOCAL: 'local', REMOTE: 'remote' } as const;

registerEnumType(ModelBackendEnum, {
  name: 'ModelBackend',
  description: 'LOCAL: in this process. REMOTE: an Open Inference Protocol server.',
  valuesConfig: {
    LOCAL: { description: 'In worker threads of this server.' },
    REMOTE: { description: 'On another server, over the Open Inference Protocol.' },
  },
});
