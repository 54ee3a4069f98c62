package org.kbbridge.app.http;

import org.kbbridge.domain.account.Principal;
import org.kbbridge.port.in.ForwardRequestCommand;
import org.kbbridge.port.in.ForwardRequestUseCase;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.out.ForwardedResponse;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.SourceException;

/**
 * {GET,POST,PUT,PATCH,DELETE} /proxy/{integrated_account_id}/{discourse path} (SPEC 3.4): Discourse's status,
 * content type and body come back as they are; our own refusals use the error model.
 */
public final class ProxyApi {

    public static final String PREFIX = "/proxy";

    private final ForwardRequestUseCase forwarder;
    private final IntegratedAccounts accounts;

    public ProxyApi(ForwardRequestUseCase forwarder, IntegratedAccounts accounts) {
        this.forwarder = forwarder;
        this.accounts = accounts;
    }

    public ApiResponse forward(ApiRequest request, Principal principal) {
        String rest = request.path("rest");
        if (rest == null || rest.length() < 2 || rest.charAt(0) != '/') {
            throw ApiException.notFound("use /proxy/{integrated_account_id}/{discourse path}, e.g. "
                    + "/proxy/1/latest.json");
        }
        int slash = rest.indexOf('/', 1);
        long id = Accounts.parseId(slash < 0 ? rest.substring(1) : rest.substring(1, slash),
                "integrated_account_id (the first segment after /proxy/)");
        if (!principal.canSee(id) || accounts.find(id).isEmpty()) {
            throw ApiException.notFound("integrated account " + id + " does not exist");
        }
        if (!"GET".equals(request.method()) && !principal.canWrite()) {
            throw ApiException.forbidden("this token is read-only; " + request.method()
                    + " through the proxy needs a read_write token");
        }
        ForwardRequestCommand command;
        try {
            command = new ForwardRequestCommand(id, request.method(), slash < 0 ? "" : rest.substring(slash),
                    request.rawQuery(), request.rawBody(), request.header("Content-Type").orElse(null));
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            ForwardedResponse answer = forwarder.forward(command);
            return ApiResponse.raw(answer.status(), answer.contentType(), answer.body());
        } catch (UnknownAccountException e) {
            throw ApiException.notFound("integrated account " + id + " does not exist");
        } catch (SourceException e) {
            throw new ApiException(502, "bad_gateway", "the forum of integrated account " + id
                    + " could not be reached: " + e.getMessage());
        }
    }
}
