-- Issue 17: every built-in SMS (and Signal) text now carries the dispatcher's instructions. A network's own English
-- or Spanish wording saved before that, without {instructions}, would keep sending alerts without them, so families
-- on SMS never read "pick up at the back gate". History is kept: a new row puts the built-in text back (a row without
-- a body), and the network's old wording stays in the history for an administrator to reuse with {instructions}.
-- Languages without a built-in text are left alone: resetting them would fall back to English.
insert into message_template_revision (network_id, kind, language, channel, body, changed_at, changed_by)
select network_id, kind, language, channel, null, now(), 'migration:V17_1'
  from (select distinct on (network_id, kind, language, channel) network_id, kind, language, channel, body
          from message_template_revision
         order by network_id, kind, language, channel, changed_at desc, id desc) latest
 where body is not null
   and position('{instructions}' in body) = 0
   and language in ('en', 'es');
