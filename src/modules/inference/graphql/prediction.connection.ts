import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '#shared/graphql/connection.js';
import type { PredictionView } from '../application/index.js';
import { PredictionType } from './prediction.type.js';

@ObjectType('PredictionConnection', {
  simpleResolvers: true,
  description: "A page of the viewer's predictions, newest first.",
})
export class PredictionConnectionType extends ConnectionType<PredictionView>(
  PredictionType,
  'Prediction',
) {
  @Field(() => Int, { description: "All of the viewer's predictions, on every page." })
  totalCount!: number;
}
