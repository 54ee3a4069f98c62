package org.kbbridge.port.out;

import org.kbbridge.domain.model.ResourceType;

public record ItemRef(ResourceType resource, String id) {
}
