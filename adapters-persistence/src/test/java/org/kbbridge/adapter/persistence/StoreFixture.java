package org.kbbridge.adapter.persistence;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.model.Collection;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.PageStats;
import org.kbbridge.domain.model.PageStatus;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.model.UserRef;
import org.kbbridge.domain.model.Visibility;
import org.kbbridge.port.out.NewIntegratedAccount;

/** A store on a fresh database, and builders for the items the tests write. */
final class StoreFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final UserRef ALICE = new UserRef("7", "alice", "Alice A.");

    final TestPostgres.Coordinates db;
    final byte[] masterKey = new byte[32];
    final PostgresStore store;

    StoreFixture() {
        new SecureRandom().nextBytes(masterKey);
        db = TestPostgres.freshDatabase();
        store = PostgresStore.open(db.jdbcUrl(), db.user(), db.password(), masterKey, 4);
    }

    Jdbi jdbi() {
        return store.jdbi();
    }

    long newAccount(String name) {
        return newAccount(name, "key-" + name);
    }

    long newAccount(String name, String apiKey) {
        return store.integratedAccounts().create(
                new NewIntegratedAccount(name, "https://" + name + ".example", "system", KeyKind.GLOBAL, 60,
                        SyncSettings.defaults()),
                new DiscourseCredentials(KeyKind.GLOBAL, apiKey, "system", null)).id();
    }

    static Collection collection(long id, Long parent) {
        return new Collection(String.valueOf(id), "Category " + id, "about " + id,
                parent == null ? null : String.valueOf(parent), Visibility.PUBLIC, (int) id, "https://f/c/" + id, T0,
                "{\"id\":" + id + "}");
    }

    static Page page(long id, long collection, String title, String... tags) {
        return new Page(String.valueOf(id), title, PageStatus.PUBLISHED, String.valueOf(collection), List.of(tags), ALICE,
                Visibility.PUBLIC, false, new PageStats(10, 2, 3), "https://f/t/" + id, T0, T0.plusSeconds(id),
                "{\"id\":" + id + ",\"title\":\"" + title + "\"}");
    }

    static PageContent content(long postId, long page, String raw) {
        return new PageContent(String.valueOf(postId), String.valueOf(page), raw, "<p>" + raw + "</p>",
                "https://f/p/" + postId, T0, T0, null);
    }

    static Comment comment(long postId, long page, int postNumber, Integer replyTo, boolean accepted) {
        return new Comment(String.valueOf(postId), String.valueOf(page), postNumber, replyTo, "reply " + postId,
                "<p>reply " + postId + "</p>", ALICE, accepted, 1, "https://f/p/" + postId, T0, T0, "{}");
    }

    static Tag tag(String name) {
        return new Tag(name, "about " + name, T0, null);
    }

    @Override
    public void close() {
        store.close();
    }
}
