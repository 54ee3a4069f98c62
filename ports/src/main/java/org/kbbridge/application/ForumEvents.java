package org.kbbridge.application;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.sync.CategoryTree;
import org.kbbridge.domain.sync.KnowledgeRules;
import org.kbbridge.domain.sync.UnifiedMapper;
import org.kbbridge.domain.webhook.WebhookSignature;
import org.kbbridge.port.in.ForumEventReceipt;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.ReceiveForumEventCommand;
import org.kbbridge.port.in.ReceiveForumEventUseCase;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.in.WebhookRefusedException;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.ForumEvent;
import org.kbbridge.port.out.ForumEventDecoder;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.ReceivedForumEvents;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceObserver;
import org.kbbridge.port.out.SyncBatch;

/**
 * Discourse webhooks into the store (SPEC 3.5). A reply's post events are applied from the payload when its page is
 * live in the store (no API cost); a topic destroyed tombstones its page and comments from the payload; everything
 * else about a topic (created, edited, recovered, a status or category change, an accepted answer, a first post that
 * stopped being knowledge) re-reads that one topic with every post and stores it with the sync's rules
 * ({@link TopicRefresh}). Payloads are serialized as the system user, so the knowledge rules are applied to them as
 * to anything the sync reads: whispers, private messages and hidden posts are never stored.
 *
 * <p>Re-reads go through the account's throttle and may wait for it longer than Discourse waits for an answer
 * (20 s), so they run on {@code rereads}; the event id is recorded in the same transaction as the change, so a
 * re-read that failed is applied by Discourse's redelivery of the same event (and by the next sync in any case).
 */
public final class ForumEvents implements ReceiveForumEventUseCase {

    private static final Logger LOG = Logger.getLogger(ForumEvents.class.getName());

    private final IntegratedAccounts accounts;
    private final KnowledgeReader reader;
    private final ReceivedForumEvents received;
    private final CommunitySource source;
    private final ForumEventDecoder decoder;
    private final Executor rereads;
    private final TopicRereader rereader;
    /** A topic's changes are read and stored under one lock, so an older read never overwrites a newer one. */
    private final TopicLocks locks;
    private final SourceObserver observer;

    public ForumEvents(IntegratedAccounts accounts, KnowledgeReader reader, ReceivedForumEvents received,
            CommunitySource source, ForumEventDecoder decoder, Executor rereads, TopicLocks locks,
            SourceObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.received = Objects.requireNonNull(received, "received");
        this.source = Objects.requireNonNull(source, "source");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.rereads = Objects.requireNonNull(rereads, "rereads");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.rereader = new TopicRereader(source, reader);
    }

    @Override
    public ForumEventReceipt receive(ReceiveForumEventCommand command) {
        long accountId = command.accountId();
        IntegratedAccount account = accounts.find(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
        String secret = accounts.credentials(accountId).map(DiscourseCredentials::webhookSecret).orElse(null);
        if (secret == null || secret.isEmpty()) {
            throw new WebhookRefusedException("integrated account " + accountId + " has no webhook_secret; set one "
                    + "with PATCH /admin/integrated-accounts/" + accountId + " and the same in Discourse's webhook");
        }
        if (!WebhookSignature.matches(secret, command.body(), command.signature())) {
            throw new WebhookRefusedException("X-Discourse-Event-Signature does not match the body: it must be "
                    + "sha256=<hex HMAC-SHA256 of the raw body with the account's webhook_secret>");
        }
        ForumEvent event = decoder.decode(command.eventType(), command.eventName(), command.body());
        if (event.kind() == ForumEvent.Kind.PING) {
            return ForumEventReceipt.PING;
        }
        String eventId = command.eventId();
        if (eventId == null) {
            throw new InvalidRequestException("X-Discourse-Event-Id is missing; Discourse sends it with every event");
        }
        if (received.seen(accountId, eventId)) {
            return ForumEventReceipt.DUPLICATE;
        }
        return switch (event.kind()) {
            case POST -> post(account, eventId, event);
            case TOPIC -> topic(account, eventId, event);
            case SOLVED -> event.privateMessage() || event.topicId() == null ? ignore(account, eventId)
                    : reread(account, eventId, event.topicId());
            default -> ForumEventReceipt.IGNORED;
        };
    }

    private ForumEventReceipt post(IntegratedAccount account, String eventId, ForumEvent event) {
        SourcePost post = event.post();
        if (post == null || event.topicId() == null) {
            return ignore(account, eventId);
        }
        boolean pageLive = live(account.id(), ResourceType.PAGE, post.topicId());
        boolean knowledge = !"post_destroyed".equals(event.name()) && !event.privateMessage()
                && new KnowledgeRules(new CategoryTree(List.of()), account.sync().scope()).admitsPost(post);
        if (!pageLive) {
            // a topic we do not hold: only a post that is knowledge can make it a page (moved in, made public…)
            return knowledge ? reread(account, eventId, post.topicId()) : ignore(account, eventId);
        }
        UnifiedMapper mapper = new UnifiedMapper(account.baseUrl());
        if (post.isFirstPost()) {
            if (!knowledge) {
                // the first post gone or hidden takes the page with it; Discourse decides, so ask it
                return reread(account, eventId, post.topicId());
            }
            return applyUnlessOlder(account, eventId, post, mapper.pageContent(post));
        }
        if (knowledge) {
            return applyUnlessOlder(account, eventId, post, mapper.comment(post));
        }
        return apply(account, eventId, post.topicId(), new SyncBatch(null, List.of(),
                List.of(new ItemRef(ResourceType.COMMENT, Long.toString(post.id()))), null));
    }

    /**
     * Discourse may deliver events out of order: a payload older than what the store holds for the post (by the
     * post's {@code updated_at}) is recorded as received and applies nothing.
     */
    private ForumEventReceipt applyUnlessOlder(IntegratedAccount account, String eventId, SourcePost post,
            KnowledgeItem item) {
        return locks.withTopic(account.id(), post.topicId(), () -> {
            Instant stored = reader.find(account.id(), item.type(), item.id(), false)
                    .filter(v -> !v.deleted()).map(v -> updatedAt(v.item())).orElse(null);
            boolean older = stored != null && post.updatedAt() != null && post.updatedAt().isBefore(stored);
            SyncBatch batch = new SyncBatch(null, older ? List.of() : List.of(item), List.of(), null);
            if (received.applyOnce(account.id(), eventId, batch).isEmpty()) {
                return ForumEventReceipt.DUPLICATE;
            }
            return older ? ForumEventReceipt.IGNORED : ForumEventReceipt.APPLIED;
        });
    }

    private static Instant updatedAt(KnowledgeItem item) {
        if (item instanceof PageContent content) {
            return content.updatedAt();
        }
        return item instanceof Comment comment ? comment.updatedAt() : null;
    }

    private ForumEventReceipt topic(IntegratedAccount account, String eventId, ForumEvent event) {
        Long topicId = event.topicId();
        if (topicId == null) {
            return ignore(account, eventId);
        }
        boolean held = reader.find(account.id(), ResourceType.PAGE, Long.toString(topicId), false).isPresent();
        if (event.privateMessage() && !held) {
            return ignore(account, eventId);
        }
        if ("topic_destroyed".equals(event.name()) || event.topicDeleted()) {
            return apply(account, eventId, topicId, TopicRefresh.batch(account.id(), topicId, Optional.empty(),
                    null, null, reader));
        }
        return reread(account, eventId, topicId);
    }

    /** Records an event that changes nothing we hold, so its redelivery is recognised without a look at it. */
    private ForumEventReceipt ignore(IntegratedAccount account, String eventId) {
        received.applyOnce(account.id(), eventId, new SyncBatch(null, List.of(), List.of(), null));
        return ForumEventReceipt.IGNORED;
    }

    private ForumEventReceipt apply(IntegratedAccount account, String eventId, long topicId, SyncBatch batch) {
        return locks.withTopic(account.id(), topicId, () -> received.applyOnce(account.id(), eventId, batch)
                .isPresent() ? ForumEventReceipt.APPLIED : ForumEventReceipt.DUPLICATE);
    }

    private ForumEventReceipt reread(IntegratedAccount account, String eventId, long topicId) {
        try {
            rereads.execute(() -> {
                try {
                    locks.withTopic(account.id(), topicId, () -> received.seen(account.id(), eventId) ? null
                            : received.applyOnce(account.id(), eventId, refreshed(account, topicId)));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "webhook event " + eventId + " of integrated account " + account.id()
                            + ": re-reading topic " + topicId + " failed (" + e.getMessage() + "); a redelivery "
                            + "of the event or the next sync applies it");
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the server is shutting down", e);
        }
        return ForumEventReceipt.QUEUED;
    }

    /** The topic as Discourse shows it now, as the store must hold it; tags new to the store are read too. */
    private SyncBatch refreshed(IntegratedAccount account, long topicId) {
        return rereader.reread(account, sourceAccount(account), topicId).batch();
    }


    private SourceAccount sourceAccount(IntegratedAccount account) {
        DiscourseCredentials credentials = accounts.credentials(account.id())
                .orElseThrow(() -> new UnknownAccountException(account.id()));
        return new SourceAccount(account.id(), account.baseUrl(), credentials, account.rateLimitPerMinute(),
                new RequestTally(account.id(), observer));
    }

    private boolean live(long accountId, ResourceType resource, long id) {
        return reader.find(accountId, resource, Long.toString(id), false).filter(v -> !v.deleted()).isPresent();
    }
}
