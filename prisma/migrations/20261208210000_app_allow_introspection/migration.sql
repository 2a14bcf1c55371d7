-- Introspection needs root or an app flagged for it (issue 12 item 8). Existing apps are not
-- flagged: an S2S app that introspects without root must be flagged by a root caller.
ALTER TABLE "apps" ADD COLUMN "allowIntrospection" BOOLEAN NOT NULL DEFAULT false;
