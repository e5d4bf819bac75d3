import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';

@ObjectType('ServiceContext', {
  simpleResolvers: true,
  description: 'The running service, as clients should see it.',
})
export class ServiceContextType {
  @Field(() => Boolean, { description: 'True while the service refuses client operations.' })
  maintenance!: boolean;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When maintenance mode last changed; null if it never did.',
  })
  maintenanceChangedAt!: Date | null;

  @Field(() => String, { description: 'The server version (semver).' })
  version!: string;

  @Field(() => GraphQLISODateTime, { description: 'When this server instance started.' })
  startedAt!: Date;

  @Field(() => String, {
    description: 'Which database this instance uses: "embedded" (PGlite) or "postgres".',
  })
  database!: string;
}
