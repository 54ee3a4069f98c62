package org.kbbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.port.out.ItemPage;
import org.kbbridge.port.out.ListQuery;
import org.kbbridge.port.out.SyncBatch;

class KeysetWalkIT {

    static final int ROWS = 10_000;
    static StoreFixture fx;
    static long account;

    @BeforeAll
    static void seed() {
        fx = new StoreFixture();
        account = fx.newAccount("big");
        List<KnowledgeItem> batch = new ArrayList<>();
        // Even ids 2..20000; the concurrent writer adds odd ids and edits even ones.
        for (long id = 2; id <= 2L * ROWS; id += 2) {
            batch.add(StoreFixture.content(id, id, "post " + id));
            if (batch.size() == 1000) {
                fx.store.knowledgeWriter().write(account, new SyncBatch(null, batch, List.of(), null));
                batch.clear();
            }
        }
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void a_keyset_walk_returns_every_row_once_while_another_thread_inserts_and_updates() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicBoolean walking = new AtomicBoolean(true);
        CountDownLatch writerStarted = new CountDownLatch(1);
        Future<Integer> writes = executor.submit(() -> {
            int batches = 0;
            long next = 1;
            while (walking.get() && next < 2L * ROWS) {
                List<KnowledgeItem> items = new ArrayList<>();
                for (int i = 0; i < 50 && next < 2L * ROWS; i++, next += 2) {
                    items.add(StoreFixture.content(next, next, "new post " + next));
                    long edited = next + 1;
                    items.add(StoreFixture.content(edited, edited, "edited post " + edited));
                }
                fx.store.knowledgeWriter().write(account, new SyncBatch(null, items, List.of(), null));
                batches++;
                writerStarted.countDown();
            }
            return batches;
        });
        writerStarted.await();

        Map<String, Integer> seen = new HashMap<>();
        String after = null;
        int pages = 0;
        do {
            ItemPage page = fx.store.knowledgeReader().list(new ListQuery(account, ResourceType.PAGE_CONTENT, null, null,
                    null, null, null, false, after, 100));
            for (ItemView item : page.items()) {
                seen.merge(item.id(), 1, Integer::sum);
            }
            after = page.items().isEmpty() ? after : page.items().get(page.items().size() - 1).id();
            pages++;
            if (!page.hasMore()) {
                break;
            }
        } while (true);
        walking.set(false);
        int writerBatches = writes.get();
        executor.shutdown();

        assertThat(writerBatches).as("the writer ran during the walk").isPositive();
        assertThat(pages).isGreaterThanOrEqualTo(ROWS / 100);
        assertThat(seen.values()).as("no row twice").containsOnly(1);
        List<String> evens = LongStream.rangeClosed(1, ROWS).mapToObj(i -> String.valueOf(2 * i)).toList();
        assertThat(seen.keySet()).as("every row that existed before the walk").containsAll(evens);
    }
}
