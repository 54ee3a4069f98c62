package org.kbbridge.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kbbridge.domain.model.BodyFormat;
import org.kbbridge.domain.view.PageView;
import org.kbbridge.port.in.WriteResult;
import org.kbbridge.port.out.WriteAnswer;
import org.kbbridge.port.out.WriteAnswers;

/**
 * Answers to writes (SPEC 3.3): 201 or 200 with the item as a read would show it (pages also list
 * {@code tags_not_applied}), 202 {@code pending_approval}, 204 for a delete, and Discourse's refusals in the error
 * model with Discourse's own message.
 */
public final class WriteJson implements WriteAnswers {

    private final ObjectMapper mapper;
    private final KnowledgeJson items;

    public WriteJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.items = new KnowledgeJson(mapper);
    }

    @Override
    public WriteAnswer written(WriteResult result) {
        return switch (result.outcome()) {
            case DELETED -> new WriteAnswer(204, "");
            case PENDING_APPROVAL -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "pending_approval");
                body.put("message", "Discourse queued the post for review by a moderator; it appears once approved");
                yield answer(202, body);
            }
            case CREATED, UPDATED -> {
                int status = result.outcome() == WriteResult.Outcome.CREATED ? 201 : 200;
                Map<String, Object> body;
                if (result.item() == null) {
                    body = new LinkedHashMap<>();
                    body.put("id", result.remoteId());
                    body.put("status", "not_synced");
                    body.put("message", "Discourse accepted the write, but the item is not knowledge for this "
                            + "integrated account (outside its sync scope, or not public), so the store does not hold it");
                } else {
                    body = items.render(result.item(), BodyFormat.MARKDOWN, false);
                }
                if (result.item() instanceof PageView) {
                    body.put("tags_not_applied", result.tagsNotApplied());
                }
                yield answer(status, body);
            }
        };
    }

    @Override
    public WriteAnswer refused(int discourseStatus, String discourseMessage) {
        int status;
        String error;
        switch (discourseStatus) {
            case 403 -> {
                status = 403;
                error = "forbidden";
            }
            case 404, 410 -> {
                status = 404;
                error = "not_found";
            }
            case 409 -> {
                status = 409;
                error = "conflict";
            }
            default -> {
                status = 422;
                error = "unprocessable_entity";
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", status);
        body.put("error", error);
        body.put("message", "Discourse refused the write (HTTP " + discourseStatus + "): " + discourseMessage);
        return answer(status, body);
    }

    private WriteAnswer answer(int status, Map<String, Object> body) {
        try {
            return new WriteAnswer(status, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }
}
