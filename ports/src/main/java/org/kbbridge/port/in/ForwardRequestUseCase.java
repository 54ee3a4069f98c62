package org.kbbridge.port.in;

import org.kbbridge.port.out.ForwardedResponse;

/** Forwards a request to an account's forum with the account's credentials and returns the forum's answer as is. */
public interface ForwardRequestUseCase {

    /** @throws UnknownAccountException when the account does not exist */
    ForwardedResponse forward(ForwardRequestCommand command);
}
