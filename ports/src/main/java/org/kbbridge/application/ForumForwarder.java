package org.kbbridge.application;

import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.port.in.ForwardRequestCommand;
import org.kbbridge.port.in.ForwardRequestUseCase;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.out.ForumProxy;
import org.kbbridge.port.out.ForwardedRequest;
import org.kbbridge.port.out.ForwardedResponse;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceObserver;

public final class ForumForwarder implements ForwardRequestUseCase {

    private final IntegratedAccounts accounts;
    private final ForumProxy proxy;
    private final SourceObserver observer;

    public ForumForwarder(IntegratedAccounts accounts, ForumProxy proxy, SourceObserver observer) {
        this.accounts = accounts;
        this.proxy = proxy;
        this.observer = observer;
    }

    @Override
    public ForwardedResponse forward(ForwardRequestCommand command) {
        IntegratedAccount account = accounts.find(command.accountId())
                .orElseThrow(() -> new UnknownAccountException(command.accountId()));
        SourceAccount source = new SourceAccount(account.id(), account.baseUrl(),
                accounts.credentials(account.id()).orElse(null), account.rateLimitPerMinute(),
                new RequestTally(account.id(), observer));
        return proxy.forward(source, new ForwardedRequest(command.method(), command.pathAndQuery(), command.body(),
                command.contentType()));
    }
}
