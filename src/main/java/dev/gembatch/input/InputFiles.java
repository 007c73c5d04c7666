package dev.gembatch.input;

import dev.gembatch.config.InputFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What an input directory holds, as Spark reads it: the files directly in it and in partition
 * folders ({@code name=value}, at any depth), skipping the names Spark and Hadoop treat as hidden
 * (a leading {@code _} or {@code .}: {@code _SUCCESS}, {@code .crc} checksums, {@code _temporary}).
 * Every such file must carry an extension of the input format, and every other folder is
 * refused: Spark would read a stray file as input rows (a README as CSV lines that get sent) and
 * would silently leave out the files of a folder that is not a partition.
 */
final class InputFiles {
    private static final int NAMED = 5;
    private static final List<String> CODECS = List.of("", ".gz", ".bz2", ".deflate", ".lz4",
            ".snappy", ".zst");

    /** Data files, relative to the directory, sorted. */
    private final List<String> files;
    /** Folders that are not partitions (and not hidden), relative, ending in '/'. */
    private final List<String> otherFolders;

    private InputFiles(List<String> files, List<String> otherFolders) {
        this.files = files;
        this.otherFolders = otherFolders;
    }

    static InputFiles under(FileSystem fs, Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        collect(fs, dir, "", files, folders);
        files.sort(null);
        folders.sort(null);
        return new InputFiles(List.copyOf(files), List.copyOf(folders));
    }

    private static void collect(FileSystem fs, Path dir, String prefix, List<String> files,
                                List<String> folders) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            String name = f.getPath().getName();
            if (hidden(name)) {
                continue;
            }
            if (!f.isDirectory()) {
                files.add(prefix + name);
            } else if (name.indexOf('=') > 0) {
                collect(fs, f.getPath(), prefix + name + "/", files, folders);
            } else {
                folders.add(prefix + name + "/");
            }
        }
    }

    /** Spark's rule for names it never reads (partition folders such as _k=v excepted). */
    static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_") && !name.contains("=")
                || name.endsWith("._COPYING_");
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** The data files, relative to the directory, sorted by name. */
    List<String> files() {
        return files;
    }

    /** The format of the first file whose extension names one, or null when none does. */
    InputFormat knownFormat() {
        return files.stream().map(InputFiles::formatOf).filter(f -> f != null).findFirst()
                .orElse(null);
    }

    /** The format a file name's extension names (compressed text included), or null. */
    static InputFormat formatOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) {
            return InputFormat.PARQUET;
        }
        for (String codec : CODECS) {
            if (n.endsWith(".csv" + codec)) {
                return InputFormat.CSV;
            }
            if (n.endsWith(".json" + codec) || n.endsWith(".jsonl" + codec)
                    || n.endsWith(".ndjson" + codec)) {
                return InputFormat.JSON;
            }
        }
        return null;
    }

    /**
     * Refuses files not of {@code format} and folders that are no partition, naming a few of
     * each; a null format checks the folders only.
     */
    void requireOnly(InputFormat format, String path) throws InvalidInputException {
        List<String> strays = files.stream().filter(f -> formatOf(f) != format).toList();
        String kind = format == null ? "" : format.name().toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (format != null && !strays.isEmpty()) {
            problems.add("input.path: '" + path + "' holds " + strays.size() + " file(s) that are"
                    + " not " + kind + " (" + sample(strays) + "); every file of an input"
                    + " directory is read as input, so these would be read as " + kind + " input."
                    + " Keep only files named *" + extension(format) + " there: move the others"
                    + " out, rename them to start with '_' or '.' (names Spark skips), or point"
                    + " input.path at a single file");
        }
        if (!otherFolders.isEmpty()) {
            problems.add("input.path: '" + path + "' holds " + otherFolders.size() + " folder(s)"
                    + " that are not partition folders (name=value): " + sample(otherFolders)
                    + "; Spark reads only the files directly in input.path and in partition"
                    + " folders, so their files would be left out. Move the files up, name the"
                    + " folders name=value (each becomes a column), or point input.path at one");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static String sample(List<String> strays) {
        String shown = String.join(", ", strays.subList(0, Math.min(NAMED, strays.size())));
        return strays.size() > NAMED ? shown + " and " + (strays.size() - NAMED) + " more" : shown;
    }

    private static String extension(InputFormat format) {
        return switch (format) {
            case CSV -> ".csv (or .csv.gz, .csv.bz2...)";
            case JSON -> ".json, *.jsonl or *.ndjson (or compressed: .json.gz...)";
            default -> ".parquet";
        };
    }
}
