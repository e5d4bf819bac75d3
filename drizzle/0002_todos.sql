CREATE SCHEMA "todos";
--> statement-breakpoint
CREATE TABLE "todos"."todos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"content" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
	CONSTRAINT "todos_version_positive" CHECK ("todos"."todos"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX "todos_owner_created" ON "todos"."todos" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "todos_owner_updated" ON "todos"."todos" USING btree ("owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "todos_tags" ON "todos"."todos" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "todos_search" ON "todos"."todos" USING gin ("search");