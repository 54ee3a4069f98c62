package org.kbbridge.adapter.persistence;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.account.TokenAccess;
import org.kbbridge.port.out.ApiTokens;

final class JdbiApiTokens implements ApiTokens {

    private final Jdbi jdbi;

    JdbiApiTokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(String tokenHash, Principal principal) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO api_tokens (token_hash, admin, access, account_ids)
                        VALUES (:hash, :admin, :access, :accounts)
                        ON CONFLICT (token_hash)
                        DO UPDATE SET admin = excluded.admin, access = excluded.access, account_ids = excluded.account_ids
                        """)
                .bind("hash", tokenHash)
                .bind("admin", principal.admin())
                .bind("access", principal.access().wire())
                .bindArray("accounts", Long.class, List.copyOf(principal.accountIds()))
                .execute());
    }

    @Override
    public Optional<Principal> findByHash(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT admin, access, account_ids FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Principal(
                        rs.getBoolean("admin"),
                        new HashSet<>(Arrays.asList((Long[]) rs.getArray("account_ids").getArray())),
                        TokenAccess.valueOf(rs.getString("access").toUpperCase(Locale.ROOT))))
                .findOne());
    }

    @Override
    public boolean anyAdmin() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM api_tokens WHERE admin)")
                .mapTo(Boolean.class)
                .one());
    }

    @Override
    public void replaceAdmin(String tokenHash) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM api_tokens WHERE admin AND token_hash <> :hash")
                    .bind("hash", tokenHash)
                    .execute();
            save(handle, tokenHash);
        });
    }

    private static void save(org.jdbi.v3.core.Handle handle, String tokenHash) {
        handle.createUpdate("""
                        INSERT INTO api_tokens (token_hash, admin, access, account_ids)
                        VALUES (:hash, true, 'read_write', '{}')
                        ON CONFLICT (token_hash) DO UPDATE SET admin = true, access = 'read_write', account_ids = '{}'
                        """)
                .bind("hash", tokenHash)
                .execute();
    }
}
