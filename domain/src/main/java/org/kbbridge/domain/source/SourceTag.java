package org.kbbridge.domain.source;

/** A tag as {@code /tags.json} reports it; {@code targetTag} is set when the tag is a synonym of another. */
public record SourceTag(String name, String description, int count, String targetTag, String json) {
}
