package io.azof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.azof.core.Table;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.LegacyDataFileWriter;
import io.azof.core.metadata.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes every data file of a table's current snapshot from the CSV of the same base name beside it,
 * the way azof 0.2.1's {@code gen} tool builds its reference tables.
 */
public final class TableGenerator {
    private static final String DATA_SUFFIX = ".parquet";
    private static final CsvMapper CSV = new CsvMapper();

    /** One data file written, with the number of rows it holds. */
    public record GeneratedFile(String file, int rows) {
    }

    private TableGenerator() {
    }

    /**
     * Converts all CSVs of the table before writing any data file, so a bad row leaves the table's data
     * files untouched.
     *
     * @throws CsvDataException when a CSV is missing or holds a row that does not fit the schema
     */
    public static List<GeneratedFile> generate(TableStorage storage) {
        Snapshot snapshot = Table.forStorage(storage).latestSnapshot();
        CsvRowConverter converter = new CsvRowConverter(snapshot.schema());
        List<String> files = dataFiles(snapshot);
        List<List<Object[]>> contents = new ArrayList<>();
        for (String file : files) {
            contents.add(readCsv(storage, file, converter));
        }
        List<GeneratedFile> generated = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            write(storage, files.get(i), snapshot, contents.get(i));
            generated.add(new GeneratedFile(files.get(i), contents.get(i).size()));
        }
        return generated;
    }

    /** Every base and delta file the snapshot references, parents before children, each once. */
    static List<String> dataFiles(Snapshot snapshot) {
        Set<String> files = new LinkedHashSet<>();
        snapshot.dataFiles().forEach(entry -> files.add(entry.file()));
        return List.copyOf(files);
    }

    private static String csvFileFor(TableStorage storage, String dataFile) {
        if (!dataFile.endsWith(DATA_SUFFIX)) {
            throw new CsvDataException("Data file " + dataFile + " (" + storage.location(dataFile)
                    + ") does not end in " + DATA_SUFFIX + ", so gen cannot tell which CSV it comes from");
        }
        return dataFile.substring(0, dataFile.length() - DATA_SUFFIX.length()) + ".csv";
    }

    private static List<Object[]> readCsv(TableStorage storage, String dataFile, CsvRowConverter converter) {
        String csvFile = csvFileFor(storage, dataFile);
        String location = storage.location(csvFile);
        String text;
        try {
            if (!storage.exists(csvFile)) {
                throw new CsvDataException("Missing CSV " + location + ": gen needs it to write " + dataFile
                        + ", which the snapshot references");
            }
            text = new String(storage.readAll(csvFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
        List<Object[]> rows = new ArrayList<>();
        try (CsvParser parser = CSV.getFactory().createParser(text)) {
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                List<String> fields = new ArrayList<>();
                int line = -1;
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (fields.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    fields.add(parser.getText());
                }
                rows.add(converter.convert(location, line, fields));
            }
        } catch (JsonProcessingException e) {
            throw new CsvDataException(location + " line " + e.getLocation().getLineNr() + ": not valid CSV: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + location, e);
        }
        return rows;
    }

    private static void write(TableStorage storage, String file, Snapshot snapshot, List<Object[]> rows) {
        try (LegacyDataFileWriter writer = LegacyDataFileWriter.create(storage, file, snapshot.schema())) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + storage.location(file), e);
        }
    }
}
