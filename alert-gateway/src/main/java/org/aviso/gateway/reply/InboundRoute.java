package org.aviso.gateway.reply;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.reply.Reply;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.tree.PersonDetails;

/**
 * A place a message someone sent Aviso can go besides the keywords {@link ReplyHandler} answers itself (OK, VERIFY,
 * HELP, STOP, CLAIM...). Features register routes as beans; the handler asks them in {@link org.springframework.core.annotation.Order}
 * within each phase, and the first that takes the message handles it:
 * <ol>
 *   <li>{@link Phase#BEFORE_KEYWORDS}: a conversation in progress with this sender (an enrolment that waits for a
 *       language choice "2" or a "YES" that must not be read as an acknowledgement);</li>
 *   <li>the keywords;</li>
 *   <li>{@link Phase#AFTER_KEYWORDS}: free text, by who sent it (a report from a site contact, a question from a
 *       family for the console inbox, anything from an unknown number for the lower-trust queue).</li>
 * </ol>
 * A route runs inside the handler's transaction and must not send anything itself: it answers with the text to
 * send back to the sender (on the channel they wrote from), or changes state whose messages go through the outbox.
 */
public interface InboundRoute {

    enum Phase { BEFORE_KEYWORDS, AFTER_KEYWORDS }

    Phase phase();

    /** Takes the message and says what to answer, or leaves it to the next route (empty). */
    Optional<Answer> take(Inbound message);

    /**
     * A message as the handler understood it.
     *
     * @param raw        what the channel delivered
     * @param parsed     the keyword parser's reading ({@link Reply.Unknown} for free text)
     * @param senders    the people of the tree with the sender's number or Signal account (one per network; empty
     *                   for an unknown sender)
     * @param language   the sender's language if known, else the one the words suggest, else English
     * @param inboundIds the id of the {@code inbound_message} row kept for each sender: in
     *                   {@link Phase#AFTER_KEYWORDS} the rows exist already (same transaction); in
     *                   {@link Phase#BEFORE_KEYWORDS} they are written after a route took the message
     */
    record Inbound(InboundReply raw, Reply parsed, List<PersonDetails> senders, Language language,
            Map<PersonId, UUID> inboundIds) {

        @Override
        public String toString() {
            return "Inbound[" + raw.channel() + ", " + senders.size() + " senders]";
        }
    }

    /**
     * @param reply          what to send back to the sender, if anything
     * @param interpretation what the message was, kept with it (e.g. {@code JOIN}, {@code REPORT}, {@code FREE_TEXT})
     */
    record Answer(Optional<String> reply, String interpretation) {

        public static Answer reply(String text, String interpretation) {
            return new Answer(Optional.of(text), interpretation);
        }

        public static Answer silently(String interpretation) {
            return new Answer(Optional.empty(), interpretation);
        }

        @Override
        public String toString() {
            return "Answer[" + interpretation + (reply.isPresent() ? ", with reply" : "") + "]";
        }
    }
}
