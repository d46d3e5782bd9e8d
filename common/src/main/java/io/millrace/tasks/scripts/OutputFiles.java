package io.millrace.tasks.scripts;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Finds the files of a working directory that match the names or globs of a task's {@code outputFiles}. */
final class OutputFiles {

    /**
     * What the patterns matched.
     *
     * @param files     relative path (with {@code /}) → absolute {@code file:} URI, sorted by path
     * @param unmatched the patterns that matched no file
     */
    record Found(Map<String, String> files, List<String> unmatched) {
    }

    private OutputFiles() {
    }

    /** Matches every regular file under {@code dir}, by its path relative to {@code dir}, against {@code patterns}. */
    static Found find(Path dir, List<String> patterns) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).map(dir::relativize).toList();
        }
        Map<String, String> matched = new TreeMap<>();
        List<String> unmatched = new ArrayList<>();
        for (String pattern : patterns) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            boolean any = false;
            for (Path file : files) {
                if (matcher.matches(file)) {
                    matched.put(file.toString().replace('\\', '/'), dir.resolve(file).toUri().toString());
                    any = true;
                }
            }
            if (!any) {
                unmatched.add(pattern);
            }
        }
        return new Found(matched, unmatched);
    }
}
