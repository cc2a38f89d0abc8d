-- The purposes of direct messages grow with features (self-enrolment, report receipts, ...). The Java enum
-- DirectMessage.Purpose is the list; the column keeps only its shape, so a new purpose needs no migration that
-- several features would otherwise each rewrite.
alter table direct_message drop constraint direct_message_purpose_check;
alter table direct_message add constraint direct_message_purpose_shape check (purpose ~ '^[A-Z][A-Z_]{1,39}$');
