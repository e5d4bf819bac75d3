CREATE SCHEMA "operations";
--> statement-breakpoint
CREATE TABLE "operations"."service_context" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"maintenance" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp with time zone,
	CONSTRAINT "service_context_single_row" CHECK ("operations"."service_context"."id" = 1)
);
