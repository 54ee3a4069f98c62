package org.kbbridge.domain.sync;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kbbridge.domain.source.SourceCategory;

/** The forum's categories with their parent links, to answer questions that depend on ancestors. */
public final class CategoryTree {

    private final Map<Long, SourceCategory> byId = new LinkedHashMap<>();

    public CategoryTree(Collection<SourceCategory> categories) {
        categories.forEach(c -> byId.put(c.id(), c));
    }

    public Optional<SourceCategory> get(Long id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public Collection<SourceCategory> all() {
        return byId.values();
    }

    /** Discourse restricts reading per category; a subcategory of a restricted category is just as closed. */
    public boolean isPrivate(long id) {
        return anyAncestorOrSelf(id, SourceCategory::readRestricted);
    }

    /** True when the category or one of its ancestors is among {@code ids}. */
    public boolean isWithin(long id, Set<Long> ids) {
        return anyAncestorOrSelf(id, c -> ids.contains(c.id()));
    }

    private boolean anyAncestorOrSelf(long id, java.util.function.Predicate<SourceCategory> test) {
        Set<Long> visited = new HashSet<>();
        SourceCategory current = byId.get(id);
        while (current != null && visited.add(current.id())) {
            if (test.test(current)) {
                return true;
            }
            current = current.parentId() == null ? null : byId.get(current.parentId());
        }
        return false;
    }
}
