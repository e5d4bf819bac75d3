CREATE SCHEMA "inference";
--> statement-breakpoint
CREATE TABLE "inference"."predictions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"model" text NOT NULL,
	"model_version" text NOT NULL,
	"text_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inference"."sentiment_scores" (
	"model" text NOT NULL,
	"model_version" text NOT NULL,
	"text_hash" text NOT NULL,
	"label" text NOT NULL,
	"score" real NOT NULL,
	"positive" real NOT NULL,
	"negative" real NOT NULL,
	"neutral" real NOT NULL,
	"compound" real NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sentiment_scores_model_model_version_text_hash_pk" PRIMARY KEY("model","model_version","text_hash")
);
--> statement-breakpoint
CREATE INDEX "predictions_user_created" ON "inference"."predictions" USING btree ("user_id","created_at","id");