import { Field, ObjectType } from 'type-graphql';
import { PageInfoType } from '#shared/graphql/connection.js';
import type { PredictionView } from '../application/index.js';
import { PredictionType } from './prediction.type.js';

@ObjectType('PredictionEdge')
export class PredictionEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => PredictionType)
  node!: PredictionView;
}

@ObjectType('PredictionConnection')
export class PredictionConnectionType {
  @Field(() => [PredictionEdgeType])
  edges!: PredictionEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
