package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.port.in.CreateCommentCommand;
import org.kbbridge.port.in.CreateCommentUseCase;
import org.kbbridge.port.in.CreatePageCommand;
import org.kbbridge.port.in.CreatePageUseCase;
import org.kbbridge.port.in.DeleteCommentCommand;
import org.kbbridge.port.in.DeleteCommentUseCase;
import org.kbbridge.port.in.IdempotencyKeyReusedException;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.in.UnknownItemException;
import org.kbbridge.port.in.UpdateCommentCommand;
import org.kbbridge.port.in.UpdateCommentUseCase;
import org.kbbridge.port.in.UpdatePageCommand;
import org.kbbridge.port.in.UpdatePageUseCase;
import org.kbbridge.port.in.WriteInProgressException;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.SourceRateLimitedException;
import org.kbbridge.port.out.WriteAnswer;
import org.kbbridge.port.out.WriteOutcomeUnknownException;

/** The writes of SPEC 3.3: POST/PATCH pages, POST/PATCH/DELETE comments, with the Idempotency-Key header. */
public final class WriteApi {

    private static final String KEY_HEADER = "Idempotency-Key";

    private final CreatePageUseCase createPage;
    private final UpdatePageUseCase updatePage;
    private final CreateCommentUseCase createComment;
    private final UpdateCommentUseCase updateComment;
    private final DeleteCommentUseCase deleteComment;
    private final IntegratedAccounts accounts;
    private final ObjectMapper mapper;

    public WriteApi(CreatePageUseCase createPage, UpdatePageUseCase updatePage, CreateCommentUseCase createComment,
            UpdateCommentUseCase updateComment, DeleteCommentUseCase deleteComment, IntegratedAccounts accounts,
            ObjectMapper mapper) {
        this.createPage = createPage;
        this.updatePage = updatePage;
        this.createComment = createComment;
        this.updateComment = updateComment;
        this.deleteComment = deleteComment;
        this.accounts = accounts;
        this.mapper = mapper;
    }

    public ApiResponse createPage(ApiRequest request, Principal principal) {
        noQuery(request, Set.of());
        Fields body = new Fields(Json.object(mapper, request.body()), "",
                Set.of("integrated_account_id", "collection_id", "title", "body", "tags"));
        long accountId = bodyAccount(body, principal);
        return answer(() -> createPage.createPage(new CreatePageCommand(accountId,
                requiredId(body, "collection_id", "the id of the collection (category) to create the page in"),
                body.requiredText("title", "the page's title"), body.requiredText("body", "the page's content (markdown)"),
                body.strings("tags"), key(request))));
    }

    public ApiResponse updatePage(ApiRequest request, Principal principal) {
        noQuery(request, Set.of("integrated_account_id"));
        long accountId = queryAccount(request, principal);
        long pageId = pathId(request, "page");
        Fields body = new Fields(Json.object(mapper, request.body()), "", Set.of("title", "collection_id", "tags"));
        Long collectionId = body.has("collection_id") ? requiredId(body, "collection_id", "") : null;
        return answer(() -> updatePage.updatePage(new UpdatePageCommand(accountId, pageId, body.text("title"),
                collectionId, body.strings("tags"), key(request))));
    }

    public ApiResponse createComment(ApiRequest request, Principal principal) {
        noQuery(request, Set.of());
        Fields body = new Fields(Json.object(mapper, request.body()), "",
                Set.of("integrated_account_id", "page_id", "body", "parent_id"));
        long accountId = bodyAccount(body, principal);
        long pageId = requiredId(body, "page_id", "the id of the page to comment on");
        Long parentId = body.has("parent_id") ? requiredId(body, "parent_id", "") : null;
        return answer(() -> createComment.createComment(new CreateCommentCommand(accountId, pageId,
                body.requiredText("body", "the comment's content (markdown)"), parentId, key(request))));
    }

    public ApiResponse updateComment(ApiRequest request, Principal principal) {
        noQuery(request, Set.of("integrated_account_id"));
        long accountId = queryAccount(request, principal);
        long commentId = pathId(request, "comment");
        Fields body = new Fields(Json.object(mapper, request.body()), "", Set.of("body"));
        return answer(() -> updateComment.updateComment(new UpdateCommentCommand(accountId, commentId,
                body.requiredText("body", "the comment's new content (markdown)"), key(request))));
    }

    public ApiResponse deleteComment(ApiRequest request, Principal principal) {
        noQuery(request, Set.of("integrated_account_id"));
        long accountId = queryAccount(request, principal);
        long commentId = pathId(request, "comment");
        return answer(() -> deleteComment.deleteComment(new DeleteCommentCommand(accountId, commentId,
                key(request))));
    }

    private ApiResponse answer(Supplier<WriteAnswer> write) {
        WriteAnswer answer;
        try {
            answer = write.get();
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (UnknownAccountException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (UnknownItemException e) {
            throw e.inBody() ? ApiException.unprocessable(e.getMessage()) : ApiException.notFound(e.getMessage());
        } catch (IdempotencyKeyReusedException e) {
            throw ApiException.unprocessable(e.getMessage());
        } catch (WriteInProgressException e) {
            return withRetryAfter(Json.error(mapper, 409, "conflict", e.getMessage()), 1);
        } catch (SourceRateLimitedException e) {
            return withRetryAfter(Json.error(mapper, 503, "rate_limited", "Discourse is rate limiting this account and "
                    + "nothing was written: " + e.getMessage() + "; retry after " + e.retryAfterSeconds() + " s"),
                    e.retryAfterSeconds());
        } catch (WriteOutcomeUnknownException e) {
            throw new ApiException(502, "bad_gateway", "Discourse did not confirm the write, which may have landed: "
                    + e.getMessage() + ". Retry with the same Idempotency-Key: kb-bridge then checks whether it "
                    + "landed before writing again");
        } catch (CredentialsRejectedException e) {
            throw new ApiException(502, "bad_gateway", "Discourse refused the integrated account's credentials: "
                    + e.getMessage());
        } catch (SourceException e) {
            throw new ApiException(502, "bad_gateway", "the forum could not be reached: " + e.getMessage());
        }
        return answer.status() == 204 ? ApiResponse.empty(204) : ApiResponse.json(answer.status(), answer.body());
    }

    private static ApiResponse withRetryAfter(ApiResponse response, long seconds) {
        return new ApiResponse(response.status(), response.contentType(), response.body(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    private static String key(ApiRequest request) {
        return request.header(KEY_HEADER).orElse(null);
    }

    private long bodyAccount(Fields body, Principal principal) {
        long id = requiredId(body, "integrated_account_id", "the id of the integrated account to write to");
        return visible(id, principal);
    }

    private long queryAccount(ApiRequest request, Principal principal) {
        String raw = request.param("integrated_account_id").orElseThrow(() -> ApiException.badRequest(
                "integrated_account_id is required: the id of the integrated account to write to"));
        return visible(Accounts.parseId(raw, "integrated_account_id"), principal);
    }

    /** Outside the token's scope an account does not exist. */
    private long visible(long id, Principal principal) {
        if (!principal.canSee(id) || accounts.find(id).isEmpty()) {
            throw ApiException.notFound("integrated account " + id + " does not exist");
        }
        return id;
    }

    private static long pathId(ApiRequest request, String what) {
        String id = request.path("id");
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.notFound("no " + what + " with id '" + id + "'");
        }
        return Long.parseLong(id);
    }

    /** Ids are strings in the unified models; a JSON number is taken too. */
    private static long requiredId(Fields body, String name, String what) {
        if (!body.has(name)) {
            throw ApiException.badRequest(name + " is required: " + what);
        }
        JsonNode value = body.node(name);
        String raw = value.isIntegralNumber() ? value.asText() : value.isTextual() ? value.asText() : null;
        if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.badRequest(name + " must be a positive numeric id (a string such as \"12\" or a "
                    + "number)");
        }
        return Long.parseLong(raw);
    }

    private static void noQuery(ApiRequest request, Set<String> allowed) {
        for (String name : request.query().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'"
                        + (allowed.isEmpty() ? "; this endpoint takes everything in the JSON body"
                                : "; allowed here: " + String.join(", ", allowed)));
            }
        }
    }
}
