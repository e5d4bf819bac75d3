export { registerOpenInferenceRoutes } from './open-inference.routes.js';
