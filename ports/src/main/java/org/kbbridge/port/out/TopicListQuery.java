package org.kbbridge.port.out;

/**
 * One page of a topic list: the whole site's latest list when {@code categoryId} is null, else the category's
 * (subcategories included). {@code page} is 0-based like Discourse's; {@code order} is Discourse's order name.
 */
public record TopicListQuery(Long categoryId, int page, int perPage, String order, boolean ascending) {
}
