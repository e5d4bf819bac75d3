DROP INDEX "identity"."login_attempts_email_id";--> statement-breakpoint
ALTER TABLE "identity"."login_attempts" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "login_attempts_email_address_id" ON "identity"."login_attempts" USING btree ("email","address","id");--> statement-breakpoint
CREATE INDEX "login_attempts_address_id" ON "identity"."login_attempts" USING btree ("address","id");--> statement-breakpoint
CREATE INDEX "login_attempts_attempted_at" ON "identity"."login_attempts" USING btree ("attempted_at");