CREATE SCHEMA "outbox";
--> statement-breakpoint
CREATE TABLE "outbox"."events" (
	"position" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox"."events_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"audience" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_order" ON "outbox"."events" USING btree ("transaction_id","position");--> statement-breakpoint
CREATE INDEX "events_recorded_at" ON "outbox"."events" USING btree ("recorded_at");