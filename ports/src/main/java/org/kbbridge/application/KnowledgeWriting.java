package org.kbbridge.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.domain.sync.UnifiedMapper;
import org.kbbridge.domain.view.CommentView;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.port.in.CreateCommentCommand;
import org.kbbridge.port.in.CreateCommentUseCase;
import org.kbbridge.port.in.CreatePageCommand;
import org.kbbridge.port.in.CreatePageUseCase;
import org.kbbridge.port.in.DeleteCommentCommand;
import org.kbbridge.port.in.DeleteCommentUseCase;
import org.kbbridge.port.in.IdempotencyKeyReusedException;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.in.UnknownItemException;
import org.kbbridge.port.in.UpdateCommentCommand;
import org.kbbridge.port.in.UpdateCommentUseCase;
import org.kbbridge.port.in.UpdatePageCommand;
import org.kbbridge.port.in.UpdatePageUseCase;
import org.kbbridge.port.in.WriteInProgressException;
import org.kbbridge.port.in.WriteResult;
import org.kbbridge.port.in.WriteResult.Outcome;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.CommunityWriter;
import org.kbbridge.port.out.CreatedPost;
import org.kbbridge.port.out.IdempotencyRecord;
import org.kbbridge.port.out.IdempotencyRecords;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.KnowledgeWriter;
import org.kbbridge.port.out.NewPost;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.SourceObserver;
import org.kbbridge.port.out.TopicChanges;
import org.kbbridge.port.out.TopicListPage;
import org.kbbridge.port.out.TopicListQuery;
import org.kbbridge.port.out.TopicThread;
import org.kbbridge.port.out.WriteAnswer;
import org.kbbridge.port.out.WriteAnswers;
import org.kbbridge.port.out.WriteOutcomeUnknownException;
import org.kbbridge.port.out.WriteRefusedException;

/**
 * Writes through the unified API (SPEC 3.3): Discourse first, then the store, by re-reading the written topic with
 * every post and applying it with the sync's own rules ({@link TopicRefresh}), which also reads the tags back.
 *
 * <p>Exactly once: with an idempotency key the key is claimed before Discourse is called, so of two identical
 * requests only one writes; the other waits a little for the first answer, else gets a "still in progress". A
 * create is never re-sent blindly: when its answer was lost (timeout, reset, 5xx, truncated body) the newest
 * topics or the topic's posts are searched for it first, and the same happens when a client retries a key whose
 * outcome stayed unknown.
 */
public final class KnowledgeWriting implements CreatePageUseCase, UpdatePageUseCase, CreateCommentUseCase,
        UpdateCommentUseCase, DeleteCommentUseCase {

    /** Sends of one create whose answers were lost before giving up with "outcome unknown". */
    static final int MAX_CREATE_SENDS = 3;
    /** Clocks of kb-bridge and Discourse may differ; a landed post may look this much older than our send. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** How many of the newest topics are searched for a topic whose creation answer was lost. */
    static final int NEWEST_TOPICS = 50;
    private static final long POLL_MILLIS = 50;

    private final IntegratedAccounts accounts;
    private final KnowledgeReader reader;
    private final KnowledgeWriter writer;
    private final CommunitySource source;
    private final CommunityWriter forum;
    private final IdempotencyRecords keys;
    private final WriteAnswers answers;
    private final Duration waitForOther;
    private final Duration lease;
    private final TopicRereader rereader;
    /**
     * A topic's re-read and its store write happen under one lock: two writes to one topic must not store their
     * re-reads in the opposite order (the older read would tombstone the newer reply).
     */
    private final TopicLocks locks;
    private final SourceObserver observer;

    /** The account a write is made for. */
    private record Target(long accountId, SourceAccount source, UnifiedMapper mapper, IntegratedAccount account) {
    }

    @FunctionalInterface
    private interface Work {
        /** @param earlier when a previous try of this request may have written, else null */
        WriteAnswer run(Instant earlier);
    }

    /**
     * @param waitForOther how long a request waits for another one holding the same key before answering "in progress"
     * @param lease how long a claim holds before a request may take it over (its holder is taken to have died)
     */
    public KnowledgeWriting(IntegratedAccounts accounts, KnowledgeReader reader, KnowledgeWriter writer,
            CommunitySource source, CommunityWriter forum, IdempotencyRecords keys, WriteAnswers answers,
            TopicLocks locks, SourceObserver observer, Duration waitForOther, Duration lease) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.source = Objects.requireNonNull(source, "source");
        this.forum = Objects.requireNonNull(forum, "forum");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.waitForOther = Objects.requireNonNull(waitForOther, "waitForOther");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.rereader = new TopicRereader(source, reader);
    }

    @Override
    public WriteAnswer createPage(CreatePageCommand command) {
        Target target = target(command.accountId());
        requireLive(target, ResourceType.COLLECTION, command.collectionId(), true, "collection_id");
        NewPost post = new NewPost(null, command.title(), command.collectionId(), command.tags(), command.body(), null);
        return idempotent(target, command.idempotencyKey(), fingerprint("create-page", command.collectionId(),
                command.title(), command.body(), command.tags()), earlier -> {
                    CreatedPost created = create(target, post, earlier);
                    if (created.pending()) {
                        return answers.written(new WriteResult(Outcome.PENDING_APPROVAL, null, null, List.of()));
                    }
                    Optional<TopicThread> thread = refresh(target, created.topicId());
                    return answers.written(new WriteResult(Outcome.CREATED,
                            live(target, ResourceType.PAGE, created.topicId()), Long.toString(created.topicId()),
                            notApplied(command.tags(), thread)));
                });
    }

    @Override
    public WriteAnswer updatePage(UpdatePageCommand command) {
        Target target = target(command.accountId());
        requireLive(target, ResourceType.PAGE, command.pageId(), false, "page");
        if (command.collectionId() != null) {
            requireLive(target, ResourceType.COLLECTION, command.collectionId(), true, "collection_id");
        }
        return idempotent(target, command.idempotencyKey(), fingerprint("update-page", command.pageId(),
                command.title(), command.collectionId(), command.tags()), earlier -> {
                    forum.updateTopic(target.source(), command.pageId(),
                            new TopicChanges(command.title(), command.collectionId(), command.tags()));
                    Optional<TopicThread> thread = refresh(target, command.pageId());
                    return answers.written(new WriteResult(Outcome.UPDATED,
                            reader.find(target.accountId(), ResourceType.PAGE, Long.toString(command.pageId()))
                                    .orElse(null),
                            Long.toString(command.pageId()), notApplied(command.tags(), thread)));
                });
    }

    @Override
    public WriteAnswer createComment(CreateCommentCommand command) {
        Target target = target(command.accountId());
        requireLive(target, ResourceType.PAGE, command.pageId(), true, "page_id");
        Integer replyTo = null;
        if (command.parentId() != null && command.parentId() != command.pageId()) {
            ItemView parent = reader.find(target.accountId(), ResourceType.COMMENT, Long.toString(command.parentId()))
                    .filter(v -> !v.deleted())
                    .filter(v -> ((CommentView) v).item().pageId().equals(Long.toString(command.pageId())))
                    .orElseThrow(() -> new UnknownItemException("parent_id " + command.parentId()
                            + " is neither the page nor a live comment of page " + command.pageId(), true));
            replyTo = ((CommentView) parent).item().postNumber();
        }
        NewPost post = new NewPost(command.pageId(), null, null, null, command.body(), replyTo);
        return idempotent(target, command.idempotencyKey(), fingerprint("create-comment", command.pageId(),
                command.body(), replyTo), earlier -> {
                    CreatedPost created = create(target, post, earlier);
                    if (created.pending()) {
                        return answers.written(new WriteResult(Outcome.PENDING_APPROVAL, null, null, List.of()));
                    }
                    refresh(target, created.topicId());
                    return answers.written(new WriteResult(Outcome.CREATED,
                            live(target, ResourceType.COMMENT, created.postId()), Long.toString(created.postId()),
                            List.of()));
                });
    }

    @Override
    public WriteAnswer updateComment(UpdateCommentCommand command) {
        Target target = target(command.accountId());
        CommentView comment = (CommentView) requireLive(target, ResourceType.COMMENT, command.commentId(), false,
                "comment");
        return idempotent(target, command.idempotencyKey(), fingerprint("update-comment", command.commentId(),
                command.body()), earlier -> {
                    forum.updatePost(target.source(), command.commentId(), command.body());
                    refresh(target, Long.parseLong(comment.item().pageId()));
                    return answers.written(new WriteResult(Outcome.UPDATED,
                            reader.find(target.accountId(), ResourceType.COMMENT, Long.toString(command.commentId()))
                                    .orElse(null),
                            Long.toString(command.commentId()), List.of()));
                });
    }

    @Override
    public WriteAnswer deleteComment(DeleteCommentCommand command) {
        Target target = target(command.accountId());
        String id = Long.toString(command.commentId());
        CommentView comment = (CommentView) reader.find(target.accountId(), ResourceType.COMMENT, id)
                .orElseThrow(() -> new UnknownItemException("no comment " + id + " in integrated account "
                        + target.accountId(), false));
        WriteResult deleted = new WriteResult(Outcome.DELETED, null, id, List.of());
        if (comment.deleted()) {
            return answers.written(deleted);
        }
        return idempotent(target, command.idempotencyKey(), fingerprint("delete-comment", command.commentId()),
                earlier -> {
                    try {
                        forum.deletePost(target.source(), command.commentId());
                    } catch (WriteRefusedException e) {
                        // a retried delete whose first try landed finds the post gone
                        if (e.status() != 404) {
                            throw e;
                        }
                    }
                    refresh(target, Long.parseLong(comment.item().pageId()));
                    return answers.written(deleted);
                });
    }

    private WriteAnswer idempotent(Target target, String key, String fingerprint, Work work) {
        if (key == null) {
            return attempt(work, null);
        }
        long accountId = target.accountId();
        Optional<IdempotencyRecord> held = keys.claim(accountId, key, fingerprint);
        Instant earlier = null;
        if (held.isPresent()) {
            IdempotencyRecord record = held.get();
            if (!record.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException("Idempotency-Key '" + key + "' was already used for another "
                        + "request (another endpoint, item or body); send a new key for a new request");
            }
            record = awaitOther(accountId, key, record);
            if (record.state() == IdempotencyRecord.State.COMPLETED) {
                return record.answer();
            }
            if (!keys.takeOver(accountId, key, lease)) {
                Optional<IdempotencyRecord> now = keys.find(accountId, key);
                if (now.isPresent() && now.get().state() == IdempotencyRecord.State.COMPLETED) {
                    return now.get().answer();
                }
                throw new WriteInProgressException("another request with Idempotency-Key '" + key + "' is still "
                        + "writing; retry with the same key in a few seconds");
            }
            earlier = record.createdAt();
        }
        try {
            WriteAnswer answer = attempt(work, earlier);
            keys.complete(accountId, key, answer);
            return answer;
        } catch (RuntimeException e) {
            // whatever failed, the write may have landed: a retry with this key checks before writing again
            keys.markUnknown(accountId, key);
            throw e;
        }
    }

    /** Discourse's refusals are answers (replayed like any other); everything else propagates. */
    private WriteAnswer attempt(Work work, Instant earlier) {
        try {
            return work.run(earlier);
        } catch (WriteRefusedException e) {
            return answers.refused(e.status(), e.discourseMessage());
        }
    }

    /** Waits while another request holds the key and is within its lease; the record as last seen. */
    private IdempotencyRecord awaitOther(long accountId, String key, IdempotencyRecord record) {
        long deadline = System.nanoTime() + waitForOther.toNanos();
        IdempotencyRecord current = record;
        while (current.state() == IdempotencyRecord.State.IN_PROGRESS && System.nanoTime() < deadline
                && !stale(current)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WriteInProgressException("interrupted while waiting for the request holding Idempotency-Key '"
                        + key + "'");
            }
            current = keys.find(accountId, key).orElse(current);
        }
        return current;
    }

    private boolean stale(IdempotencyRecord record) {
        return record.updatedAt() != null && record.updatedAt().plus(lease).isBefore(Instant.now());
    }

    /**
     * Sends a create at most {@link #MAX_CREATE_SENDS} times, and only after making sure the previous send (of this
     * request, or of an earlier try with the same key) did not land.
     */
    private CreatedPost create(Target target, NewPost post, Instant earlier) {
        Instant since = (earlier != null ? earlier : Instant.now()).minus(CLOCK_SKEW);
        if (earlier != null) {
            Optional<CreatedPost> landed = findLanded(target, post, since);
            if (landed.isPresent()) {
                return landed.get();
            }
        }
        WriteOutcomeUnknownException lost = null;
        for (int send = 0; send < MAX_CREATE_SENDS; send++) {
            try {
                return forum.createPost(target.source(), post);
            } catch (WriteOutcomeUnknownException e) {
                lost = e;
            } catch (WriteRefusedException e) {
                throw e;
            } catch (SourceException e) {
                if (lost != null) {
                    throw new WriteOutcomeUnknownException(lost.getMessage() + "; then: " + e.getMessage());
                }
                throw e;
            }
            Optional<CreatedPost> landed;
            try {
                landed = findLanded(target, post, since);
            } catch (SourceException e) {
                throw new WriteOutcomeUnknownException(lost.getMessage()
                        + "; checking whether it landed failed too: " + e.getMessage());
            }
            if (landed.isPresent()) {
                return landed.get();
            }
        }
        throw new WriteOutcomeUnknownException(lost.getMessage() + " (" + MAX_CREATE_SENDS + " sends, none confirmed)");
    }

    /** The post this create would have made, if a previous send made it: same author and text, not older than since. */
    private Optional<CreatedPost> findLanded(Target target, NewPost post, Instant since) {
        String author = target.source().credentials().apiUsername();
        if (!post.isTopic()) {
            Optional<TopicThread> thread = source.topic(target.source(), post.topicId());
            SourcePost found = null;
            for (SourcePost candidate : thread.map(TopicThread::posts).orElse(List.of())) {
                if (!candidate.isFirstPost() && byAuthor(candidate.author() == null ? null
                        : candidate.author().username(), author) && sameText(candidate.raw(), post.raw())
                        && notBefore(candidate.createdAt(), since)
                        && (found == null || candidate.id() > found.id())) {
                    found = candidate;
                }
            }
            return Optional.ofNullable(found)
                    .map(p -> new CreatedPost(false, p.id(), p.topicId(), p.postNumber()));
        }
        TopicListPage newest = source.topics(target.source(),
                new TopicListQuery(null, 0, NEWEST_TOPICS, "created", false));
        for (SourceTopic topic : newest.topics()) {
            if (!sameText(topic.title(), post.title()) || !notBefore(topic.createdAt(), since)
                    || !byAuthor(topic.createdBy() == null ? null : topic.createdBy().username(), author)) {
                continue;
            }
            Optional<SourcePost> first = source.topic(target.source(), topic.id())
                    .flatMap(t -> t.posts().stream().filter(SourcePost::isFirstPost).findFirst());
            if (first.isPresent() && sameText(first.get().raw(), post.raw())) {
                return Optional.of(new CreatedPost(false, first.get().id(), topic.id(), 1));
            }
        }
        return Optional.empty();
    }

    private static boolean byAuthor(String username, String author) {
        return author == null || author.isBlank() || username == null || username.equalsIgnoreCase(author);
    }

    private static boolean sameText(String stored, String sent) {
        return stored != null && sent != null && stored.strip().equals(sent.strip());
    }

    private static boolean notBefore(Instant at, Instant since) {
        return at == null || !at.isBefore(since);
    }

    /** Re-reads the topic and stores it with the sync's rules; tags new to the store are read too. */
    private Optional<TopicThread> refresh(Target target, long topicId) {
        return locks.withTopic(target.accountId(), topicId, () -> refreshLocked(target, topicId));
    }

    private Optional<TopicThread> refreshLocked(Target target, long topicId) {
        TopicRereader.Reread reread = rereader.reread(target.account(), target.source(), topicId);
        writer.write(target.accountId(), reread.batch());
        return reread.thread();
    }



    private static List<String> notApplied(List<String> requested, Optional<TopicThread> thread) {
        if (requested == null) {
            return List.of();
        }
        Set<String> applied = new HashSet<>(thread.map(t -> t.topic().tags()).orElse(List.of()));
        List<String> missing = new ArrayList<>();
        for (String tag : requested) {
            if (!applied.contains(tag) && !missing.contains(tag)) {
                missing.add(tag);
            }
        }
        return missing;
    }

    private Target target(long accountId) {
        IntegratedAccount account = accounts.find(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
        DiscourseCredentials credentials = accounts.credentials(accountId)
                .orElseThrow(() -> new UnknownAccountException(accountId));
        SourceAccount sourceAccount = new SourceAccount(accountId, account.baseUrl(), credentials,
                account.rateLimitPerMinute(), new RequestTally(accountId, observer));
        return new Target(accountId, sourceAccount, new UnifiedMapper(account.baseUrl()), account);
    }

    private ItemView requireLive(Target target, ResourceType resource, long id, boolean inBody, String name) {
        return reader.find(target.accountId(), resource, Long.toString(id)).filter(v -> !v.deleted())
                .orElseThrow(() -> new UnknownItemException((inBody ? name + " " + id + " is not a live "
                        + resource.path().replaceAll("s$", "") : "no " + name + " " + id) + " in integrated account "
                        + target.accountId(), inBody));
    }

    /** The item as stored after the write; null when the written topic is not knowledge for this account. */
    private ItemView live(Target target, ResourceType resource, long id) {
        return reader.find(target.accountId(), resource, Long.toString(id)).filter(v -> !v.deleted()).orElse(null);
    }

    /** What identifies a request for its idempotency key: the operation and every field, unambiguously joined. */
    static String fingerprint(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                String text = String.valueOf(part);
                sha.update((text.length() + ":" + text + ";").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
