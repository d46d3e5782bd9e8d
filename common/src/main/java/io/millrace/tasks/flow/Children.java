package io.millrace.tasks.flow;

import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Concatenates a flowable's task lists for {@code allChildTasks()}. */
final class Children {

    private Children() {
    }

    @SafeVarargs
    static List<Task> of(Collection<Task>... lists) {
        List<Task> all = new ArrayList<>();
        for (Collection<Task> l : lists) {
            if (l != null) {
                all.addAll(l);
            }
        }
        return all;
    }
}
