package org.kbbridge.app.http;

import org.kbbridge.domain.account.Principal;

/** One endpoint: the request and the authenticated caller in, the answer out. */
@FunctionalInterface
public interface ApiHandler {

    ApiResponse handle(ApiRequest request, Principal principal);
}
