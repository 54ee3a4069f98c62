package org.kbbridge.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kbbridge.domain.account.AccountStatus;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.domain.sync.CategoryTree;
import org.kbbridge.domain.sync.Checkpoint;
import org.kbbridge.domain.sync.KnowledgeRules;
import org.kbbridge.domain.sync.SyncCounters;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncProgress;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncScope;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.domain.sync.UnifiedMapper;
import org.kbbridge.domain.view.PageView;
import org.kbbridge.port.in.RunSyncUseCase;
import org.kbbridge.port.out.BatchResult;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.KnowledgeWriter;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.SourceObserver;
import org.kbbridge.port.out.SyncBatch;
import org.kbbridge.port.out.SyncCheckpoints;
import org.kbbridge.port.out.SyncObserver;
import org.kbbridge.port.out.SyncRuns;
import org.kbbridge.port.out.TopicListPage;
import org.kbbridge.port.out.TopicListQuery;

/**
 * Runs one sync (SPEC 4). Full and reconcile runs read categories, tags, every topic list page (oldest first, so new
 * topics append and pages stay put) and every post through {@code /posts.json}, each page written with its
 * checkpoint, then tombstone what they did not see. Incremental runs read the newest posts down to the last
 * watermark and the most recently bumped topics, and re-read single topics whose solved state changed.
 */
public final class SyncRunner implements RunSyncUseCase {

    static final String FULL_TOPICS = "full.topics";
    static final String FULL_POSTS = "full.posts";
    static final String NEWEST_POST = "incremental.newest-post";
    static final String NEWEST_BUMP = "incremental.newest-bump";

    /** Discourse honours per_page up to 100 on current servers; old ones send 30 whatever we ask. */
    static final int TOPICS_PER_PAGE = 100;
    static final int MAX_PAGES = 1_000_000;

    private static final Logger LOG = Logger.getLogger(SyncRunner.class.getName());
    /** Progress goes to the log at most this often (and at the end of a run). */
    private static final long PROGRESS_LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
    private static final Set<ResourceType> ALL = EnumSet.allOf(ResourceType.class);

    private final IntegratedAccounts accounts;
    private final SyncRuns runs;
    private final SyncCheckpoints checkpoints;
    private final KnowledgeReader reader;
    private final KnowledgeWriter writer;
    private final CommunitySource source;
    private final SyncObserver observer;
    private final TopicLocks locks;
    private final SourceObserver sourceObserver;

    /** @param locks shared with the other paths that re-read single topics (writes, webhooks) */
    public SyncRunner(IntegratedAccounts accounts, SyncRuns runs, SyncCheckpoints checkpoints, KnowledgeReader reader,
            KnowledgeWriter writer, CommunitySource source, SyncObserver observer, SourceObserver sourceObserver,
            TopicLocks locks) {
        this.locks = locks;
        this.observer = observer;
        this.sourceObserver = sourceObserver;
        this.accounts = accounts;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.writer = writer;
        this.source = source;
    }

    @Override
    public SyncRun runSync(long runId) {
        SyncRun run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("no sync run " + runId));
        if (run.status().finished()) {
            return run;
        }
        Optional<IntegratedAccount> account = accounts.find(run.accountId());
        Optional<DiscourseCredentials> credentials = accounts.credentials(run.accountId());
        if (account.isEmpty() || credentials.isEmpty()) {
            runs.finish(runId, SyncStatus.FAILED, SyncCounters.ZERO, "the integrated account no longer exists");
            return runs.find(runId).orElseThrow();
        }
        runs.markRunning(runId);
        LOG.info(() -> "sync run " + runId + " (" + run.mode().wire() + ") of account " + run.accountId()
                + " started");
        long startedNanos = System.nanoTime();
        Execution execution = new Execution(run, account.get(), credentials.get());
        SyncStatus status = SyncStatus.FAILED;
        try {
            execution.execute();
            runs.finish(runId, SyncStatus.SUCCEEDED, execution.counters(), null);
            status = SyncStatus.SUCCEEDED;
            LOG.info(() -> "sync run " + runId + " (" + run.mode().wire() + ") of account " + run.accountId()
                    + " succeeded: " + execution.counters());
        } catch (CredentialsRejectedException e) {
            accounts.setStatus(run.accountId(), AccountStatus.CREDENTIALS_INVALID);
            finishFailed(run, execution, "Discourse refused the credentials: " + e.getMessage());
        } catch (SourceException e) {
            finishFailed(run, execution, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sync run " + runId + " failed", e);
            runs.finish(runId, SyncStatus.FAILED, execution.counters(), "internal error: " + e);
        } finally {
            observer.runFinished(run.accountId(), run.mode(), status,
                    Duration.ofNanos(System.nanoTime() - startedNanos));
        }
        return runs.find(runId).orElseThrow();
    }

    private void finishFailed(SyncRun run, Execution execution, String error) {
        runs.finish(run.id(), SyncStatus.FAILED, execution.counters(), error);
        LOG.warning(() -> "sync run " + run.id() + " (" + run.mode().wire() + ") of account " + run.accountId()
                + " failed: " + error);
    }

    /** The state of one run while it executes. */
    private final class Execution {

        private final SyncRun run;
        private final long accountId;
        private final SourceAccount sourceAccount;
        private final RequestTally tally;
        private final UnifiedMapper mapper;
        private final SyncScope scope;
        private KnowledgeRules rules;
        private BatchResult written = BatchResult.EMPTY;
        /** Pages this run admitted from the topic lists; null when a resumed run skipped that phase. */
        private Set<String> admittedPages;
        /** Topics the store knows are not pages (first post not knowledge): not revived before their first post is. */
        private Set<String> notPages = Set.of();
        private final Map<String, SourceTopic> deferred = new HashMap<>();
        private Set<String> pagesLiveAtStart;
        private long newestBump;
        private long newestListedPost;
        private long done;
        private long total;
        private long lastLoggedNanos;

        Execution(SyncRun run, IntegratedAccount account, DiscourseCredentials credentials) {
            this.run = run;
            this.accountId = account.id();
            this.tally = new RequestTally(account.id(), sourceObserver);
            this.sourceAccount = new SourceAccount(account.id(), account.baseUrl(), credentials,
                    account.rateLimitPerMinute(), tally);
            this.mapper = new UnifiedMapper(account.baseUrl());
            this.scope = account.sync().scope();
        }

        SyncCounters counters() {
            return new SyncCounters(tally.requests(), tally.rateLimitedCount(), tally.retriedCount(), written.created(),
                    written.updated(), written.deleted(), written.unchanged());
        }

        void execute() {
            lastLoggedNanos = System.nanoTime();
            if (run.mode().readsEverything()) {
                ForumStats stats = source.stats(sourceAccount);
                total = stats.topics() + stats.posts();
                report();
            }
            rules = syncCategoriesAndTags();
            if (run.mode().readsEverything()) {
                readAllTopics();
                readAllPosts();
                reviveDeferredPages();
                record(writer.tombstoneUnseen(accountId, run.id(), ALL));
                dropPagesWithoutFirstPost();
                saveWatermark(NEWEST_BUMP, newestBump);
            } else {
                incremental();
            }
            record(writer.tombstoneOrphans(accountId));
            report();
            logProgress();
        }

        private KnowledgeRules syncCategoriesAndTags() {
            List<SourceCategory> categories = source.categories(sourceAccount);
            CategoryTree tree = new CategoryTree(categories);
            KnowledgeRules admitted = new KnowledgeRules(tree, scope);
            List<KnowledgeItem> upserts = new ArrayList<>();
            Set<String> live = new HashSet<>();
            for (SourceCategory category : categories) {
                if (admitted.admitsCategory(category)) {
                    upserts.add(mapper.collection(category, tree));
                    live.add(Long.toString(category.id()));
                }
            }
            List<ItemRef> gone = vanished(ResourceType.COLLECTION, live);
            write(new SyncBatch(runIdIfFull(), upserts, gone, null));

            List<SourceTag> tags = source.tags(sourceAccount);
            List<KnowledgeItem> tagItems = new ArrayList<>();
            Set<String> liveTags = new HashSet<>();
            for (SourceTag tag : tags) {
                if (tag.targetTag() == null) {
                    tagItems.add(mapper.tag(tag));
                    liveTags.add(tag.name());
                }
            }
            write(new SyncBatch(runIdIfFull(), tagItems, vanished(ResourceType.TAG, liveTags), null));
            return admitted;
        }

        /** Categories and tags are read whole every run, so what is missing from the read is gone. */
        private List<ItemRef> vanished(ResourceType resource, Set<String> live) {
            List<ItemRef> gone = new ArrayList<>();
            for (String id : reader.liveIds(accountId, resource)) {
                if (!live.contains(id)) {
                    gone.add(new ItemRef(resource, id));
                }
            }
            return gone;
        }

        private void readAllTopics() {
            Optional<String> position = checkpointOfThisRun(FULL_TOPICS);
            int page = position.map(p -> Integer.parseInt(p.split("\\|")[0])).orElse(0);
            newestBump = position.map(p -> Long.parseLong(p.split("\\|")[1])).orElse(0L);
            if (page < 0) {
                return;
            }
            if (page == 0) {
                admittedPages = new HashSet<>();
            }
            notPages = reader.tombstonedPagesWithoutContent(accountId);
            for (int guard = 0; guard < MAX_PAGES; guard++) {
                TopicListPage list = source.topics(sourceAccount,
                        new TopicListQuery(null, page, TOPICS_PER_PAGE, "created", true));
                List<KnowledgeItem> upserts = new ArrayList<>();
                List<ItemRef> deletions = new ArrayList<>();
                for (SourceTopic topic : list.topics()) {
                    newestBump = Math.max(newestBump, bumpOf(topic));
                    applyTopic(topic, upserts, deletions);
                }
                page = list.hasMore() ? page + 1 : -1;
                done += list.topics().size();
                write(new SyncBatch(run.id(), upserts, deletions,
                        checkpoint(FULL_TOPICS, page + "|" + newestBump)));
                if (page < 0) {
                    return;
                }
            }
            throw new SourceException("topic list did not end after " + MAX_PAGES + " pages");
        }

        private void applyTopic(SourceTopic topic, List<KnowledgeItem> upserts, List<ItemRef> deletions) {
            String pageId = Long.toString(topic.id());
            if (rules.admitsTopic(topic)) {
                if (notPages.contains(pageId)) {
                    // reviving it now would show a non-page until the end of the run, and log two changes each run
                    deferred.put(pageId, topic);
                    return;
                }
                upserts.add(mapper.page(topic, rules.categories()));
                if (admittedPages != null) {
                    admittedPages.add(pageId);
                }
            } else {
                deletions.addAll(wholePage(pageId));
            }
        }

        /**
         * The page and its live comments. Only pages that were live when the run started can have any: a reconcile
         * meets every private or unlisted topic again, and need not ask the store about each one.
         */
        private List<ItemRef> wholePage(String pageId) {
            List<ItemRef> refs = new ArrayList<>();
            refs.add(new ItemRef(ResourceType.PAGE, pageId));
            if (pagesLiveAtStart == null) {
                pagesLiveAtStart = reader.liveIds(accountId, ResourceType.PAGE);
            }
            if (pagesLiveAtStart.contains(pageId)) {
                for (String commentId : reader.liveCommentIds(accountId, pageId)) {
                    refs.add(new ItemRef(ResourceType.COMMENT, commentId));
                }
            }
            return refs;
        }

        private void readAllPosts() {
            Optional<String> position = checkpointOfThisRun(FULL_POSTS);
            Long before = null;
            long newest = 0;
            if (position.isPresent()) {
                String[] parts = position.get().split("\\|");
                if ("done".equals(parts[0])) {
                    return;
                }
                before = Long.parseLong(parts[0]);
                newest = Long.parseLong(parts[1]);
            }
            // Only pages this run admitted; a resumed run falls back to what the store holds.
            Set<String> livePages = admittedPages != null ? admittedPages
                    : reader.liveIds(accountId, ResourceType.PAGE);
            for (int guard = 0; guard < MAX_PAGES; guard++) {
                List<SourcePost> posts = source.latestPosts(sourceAccount, before);
                if (posts.isEmpty()) {
                    write(new SyncBatch(run.id(), List.of(), List.of(), checkpoint(FULL_POSTS, "done|" + newest)));
                    saveWatermark(NEWEST_POST, newest);
                    return;
                }
                List<KnowledgeItem> upserts = new ArrayList<>();
                long lowest = Long.MAX_VALUE;
                for (SourcePost post : posts) {
                    lowest = Math.min(lowest, post.id());
                    newest = Math.max(newest, post.id());
                    String topicId = Long.toString(post.topicId());
                    if (rules.admitsPost(post) && livePages.contains(topicId)) {
                        upserts.add(post.isFirstPost() ? mapper.pageContent(post) : mapper.comment(post));
                    } else if (rules.admitsPost(post) && post.isFirstPost() && deferred.containsKey(topicId)) {
                        upserts.add(mapper.pageContent(post));
                    }
                }
                done += posts.size();
                // Discourse's before is inclusive: the next page starts just below the lowest id seen.
                before = lowest - 1;
                String next = before <= 0 ? "done|" + newest : before + "|" + newest;
                write(new SyncBatch(run.id(), upserts, List.of(), checkpoint(FULL_POSTS, next)));
                if (before <= 0) {
                    saveWatermark(NEWEST_POST, newest);
                    return;
                }
            }
            throw new SourceException("post list did not end after " + MAX_PAGES + " pages");
        }

        /** Deferred topics whose first post this run found to be knowledge again are pages again. */
        private void reviveDeferredPages() {
            if (deferred.isEmpty()) {
                return;
            }
            Set<String> withContent = reader.pagesWithLiveContent(accountId);
            List<KnowledgeItem> upserts = new ArrayList<>();
            for (Map.Entry<String, SourceTopic> topic : deferred.entrySet()) {
                if (withContent.contains(topic.getKey())) {
                    upserts.add(mapper.page(topic.getValue(), rules.categories()));
                }
            }
            write(new SyncBatch(run.id(), upserts, List.of(), null));
        }

        /** A topic whose first post is not knowledge (hidden, whisper, deleted) is not a page either. */
        private void dropPagesWithoutFirstPost() {
            Set<String> withContent = reader.pagesWithLiveContent(accountId);
            List<ItemRef> deletions = new ArrayList<>();
            for (String pageId : reader.liveIds(accountId, ResourceType.PAGE)) {
                if (!withContent.contains(pageId)) {
                    deletions.addAll(wholePage(pageId));
                }
            }
            if (!deletions.isEmpty()) {
                write(new SyncBatch(null, List.of(), deletions, null));
            }
        }

        /**
         * New posts and bumped topics since the watermarks. A page is only created once its first post was seen as
         * knowledge, so a listed topic whose first post is hidden or deleted never shows up; its replies neither.
         */
        private void incremental() {
            long bumpWatermark = watermark(NEWEST_BUMP);
            Map<String, SourceTopic> bumped = new LinkedHashMap<>();
            Set<Long> refresh = new HashSet<>();
            long newest = bumpWatermark;
            for (int page = 0; page < MAX_PAGES; page++) {
                TopicListPage list = source.topics(sourceAccount,
                        new TopicListQuery(null, page, TOPICS_PER_PAGE, "activity", false));
                List<ItemRef> deletions = new ArrayList<>();
                boolean reachedOld = false;
                for (SourceTopic topic : list.topics()) {
                    long bump = bumpOf(topic);
                    // Pinned topics lead page 0 whatever their age: they must not end the walk.
                    if (bump <= bumpWatermark) {
                        reachedOld |= !topic.pinned();
                        continue;
                    }
                    newest = Math.max(newest, bump);
                    String pageId = Long.toString(topic.id());
                    if (rules.admitsTopic(topic)) {
                        bumped.put(pageId, topic);
                        if (solvedStateChanged(topic)) {
                            refresh.add(topic.id());
                        }
                    } else {
                        deletions.addAll(wholePage(pageId));
                    }
                }
                done += list.topics().size();
                write(new SyncBatch(null, List.of(), deletions, null));
                if (reachedOld || !list.hasMore()) {
                    break;
                }
            }
            Set<String> livePages = reader.liveIds(accountId, ResourceType.PAGE);
            Set<String> candidates = new HashSet<>(livePages);
            candidates.addAll(bumped.keySet());
            long postWatermark = watermark(NEWEST_POST);
            List<SourcePost> posts = readNewPosts(candidates, postWatermark);
            Set<String> pages = new HashSet<>(livePages);
            for (SourcePost post : posts) {
                if (post.isFirstPost()) {
                    pages.add(Long.toString(post.topicId()));
                }
            }
            List<KnowledgeItem> upserts = new ArrayList<>();
            for (SourceTopic topic : bumped.values()) {
                if (pages.contains(Long.toString(topic.id()))) {
                    upserts.add(mapper.page(topic, rules.categories()));
                }
            }
            for (SourcePost post : posts) {
                if (pages.contains(Long.toString(post.topicId()))) {
                    upserts.add(post.isFirstPost() ? mapper.pageContent(post) : mapper.comment(post));
                }
            }
            write(new SyncBatch(null, upserts, List.of(), null));
            for (Long topicId : refresh) {
                refreshTopic(topicId);
            }
            // Watermarks move only after what they cover is written: a crash before re-reads it.
            saveWatermark(NEWEST_POST, newestListedPost);
            saveWatermark(NEWEST_BUMP, newest);
        }

        private boolean solvedStateChanged(SourceTopic topic) {
            return reader.find(accountId, ResourceType.PAGE, Long.toString(topic.id()))
                    .map(v -> ((PageView) v).item().hasAcceptedAnswer() != topic.hasAcceptedAnswer())
                    .orElse(false);
        }

        /** Knowledge posts newer than the watermark whose topic is a candidate page, newest first. */
        private List<SourcePost> readNewPosts(Set<String> candidatePages, long watermark) {
            long newest = watermark;
            Long before = null;
            List<SourcePost> admitted = new ArrayList<>();
            for (int guard = 0; guard < MAX_PAGES; guard++) {
                List<SourcePost> posts = source.latestPosts(sourceAccount, before);
                long lowest = Long.MAX_VALUE;
                for (SourcePost post : posts) {
                    lowest = Math.min(lowest, post.id());
                    if (post.id() <= watermark) {
                        continue;
                    }
                    newest = Math.max(newest, post.id());
                    if (rules.admitsPost(post) && candidatePages.contains(Long.toString(post.topicId()))) {
                        admitted.add(post);
                    }
                }
                done += posts.size();
                if (posts.isEmpty() || lowest <= watermark + 1) {
                    break;
                }
                // Discourse's before is inclusive: the next page starts just below the lowest id seen.
                before = lowest - 1;
            }
            newestListedPost = newest;
            return admitted;
        }

        /** Re-reads one topic with every post; what the store holds for it and Discourse no longer shows goes. */
        private void refreshTopic(long topicId) {
            locks.withTopic(accountId, topicId, () -> {
                write(TopicRefresh.batch(accountId, topicId, source.topic(sourceAccount, topicId), rules, mapper,
                        reader));
                return null;
            });
        }

        private long watermark(String stream) {
            return checkpoints.find(accountId, stream).map(c -> Long.parseLong(c.position())).orElse(0L);
        }

        private static long bumpOf(SourceTopic topic) {
            return topic.activityAt() == null ? 0 : topic.activityAt().toEpochMilli();
        }

        private Long runIdIfFull() {
            return run.mode().readsEverything() ? run.id() : null;
        }

        private Optional<String> checkpointOfThisRun(String stream) {
            return checkpoints.find(accountId, stream)
                    .filter(c -> c.runId() != null && c.runId() == run.id())
                    .map(Checkpoint::position);
        }

        private Checkpoint checkpoint(String stream, String position) {
            return new Checkpoint(accountId, stream, position, run.id());
        }

        private void saveWatermark(String stream, long value) {
            checkpoints.save(new Checkpoint(accountId, stream, Long.toString(value), run.id()));
        }

        private void write(SyncBatch batch) {
            if (batch.upserts().isEmpty() && batch.deletions().isEmpty() && batch.checkpoint() == null) {
                report();
                return;
            }
            record(writer.write(accountId, batch));
            observeNewest(batch.upserts());
            report();
        }

        private void record(BatchResult result) {
            observeWritten(result);
            written = written.plus(result);
        }

        private void observeWritten(BatchResult result) {
            result.byResource().forEach((resource, counts) -> {
                if (counts.created() + counts.updated() + counts.deleted() > 0) {
                    observer.itemsWritten(accountId, resource, counts.created(), counts.updated(), counts.deleted());
                }
            });
        }

        private void observeNewest(List<KnowledgeItem> items) {
            Instant newest = null;
            for (KnowledgeItem item : items) {
                Instant at = null;
                if (item instanceof Page p) {
                    at = p.updatedAt();
                } else if (item instanceof PageContent c) {
                    at = c.updatedAt();
                } else if (item instanceof Comment c) {
                    at = c.updatedAt();
                }
                if (at != null && (newest == null || at.isAfter(newest))) {
                    newest = at;
                }
            }
            if (newest != null) {
                observer.newestItemSeen(accountId, newest);
            }
        }

        private void report() {
            runs.progress(run.id(), new SyncProgress(done, Math.max(total, done), "items"), counters());
            if (System.nanoTime() - lastLoggedNanos >= PROGRESS_LOG_INTERVAL_NANOS) {
                logProgress();
            }
        }

        private void logProgress() {
            lastLoggedNanos = System.nanoTime();
            long shownTotal = Math.max(total, done);
            LOG.info(() -> "sync run " + run.id() + " (" + run.mode().wire() + ") of account " + accountId + ": "
                    + done + "/" + shownTotal + " items, " + tally.requests() + " requests");
        }
    }
}
