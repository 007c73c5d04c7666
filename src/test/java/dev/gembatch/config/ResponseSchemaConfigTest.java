package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A response schema that cannot become one Spark type is a config problem naming the key path
 * inside the schema and the line it is on; every such problem of a file is reported at once.
 */
class ResponseSchemaConfigTest {
    private static final String S = "model.generation.response-schema";
    private static final String JSON_MODE = "model.generation.response-mime-type = application/json\n";

    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    /** Problems of VALID + JSON mode (line 5) + the schema lines (line 6 on). */
    private List<String> problems(String schema) {
        return jobs.problems(JSON_MODE + S + " " + schema + "\n");
    }

    @Test
    void unknownTypeDeepInsideIsNamedByItsPath() {
        List<String> problems = problems("""
                {
                  type = OBJECT
                  properties {
                    score { type = DECIMAL }
                  }
                }""");
        assertProblem(problems, S + ".properties.score.type " + jobs.at(9),
                "must be one of STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT",
                "got \"DECIMAL\"");
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void objectWithoutPropertiesAndArrayWithoutItemsAreBothReported() {
        List<String> problems = problems("""
                { type = array, items { type = object, description = "a row" } }""");
        assertProblem(problems, S + ".items.properties " + jobs.at(6),
                "an OBJECT needs properties");
        List<String> array = problems("{ type = ARRAY }");
        assertProblem(array, S + ".items " + jobs.at(6), "an ARRAY needs items");
    }

    @Test
    void anyOfAndUnknownKeysAreRejected() {
        List<String> problems = problems("""
                { type = OBJECT, properties {
                    a { type = STRING, anyOf = [{ type = STRING }] }
                    b { type = STRING, maxLenght = 3 }
                } }""");
        assertProblem(problems, S + ".properties.a.anyOf " + jobs.at(7),
                "anyOf is not supported: an answer_struct column needs one type");
        assertProblem(problems, S + ".properties.b.maxLenght " + jobs.at(8),
                "unknown schema key; known: type, format");
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void missingTypeWrongValueTypesAndKeysOfAnotherTypeAreNamed() {
        List<String> problems = problems("""
                { type = OBJECT, required = [name, nickname], propertyOrdering = [name],
                  properties {
                    name { nullable = "yes", type = STRING }
                    age { format = int32 }
                    flag { type = BOOLEAN, items { type = STRING } }
                  } }""");
        assertProblem(problems, S + ".properties.name.nullable " + jobs.at(8),
                "must be true or false", "got \"yes\"");
        assertProblem(problems, S + ".properties.age.type ", "required: one of STRING");
        assertProblem(problems, S + ".properties.flag.items " + jobs.at(10),
                "only a type ARRAY has items");
        assertProblem(problems, S + ".required " + jobs.at(6),
                "must name each property at most once", "got \"nickname\"");
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void propertiesDifferingOnlyInCaseCannotBeColumns() {
        List<String> problems = problems(
                "{ type = OBJECT, properties { Name { type = STRING }, name { type = STRING } } }");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).contains("differ only in case"), problems.toString());
    }

    @Test
    void theWholeSubsetLoadsAndIsSentAsWritten() throws Exception {
        Path job = jobs.write(JobFiles.VALID + JSON_MODE + S + """
                 {
                  type = array, minItems = 1, maxItems = 5, description = "reviews"
                  items {
                    type = OBJECT, title = Review, required = [label], propertyOrdering = [label]
                    properties {
                      label { type = STRING, enum = [good, bad], example = good }
                      score { type = INTEGER, format = int32, minimum = 1, maximum = 5 }
                      at { type = STRING, format = date-time, nullable = true }
                      "odd name" { type = NUMBER, default = 0.5 }
                      tags { type = ARRAY, items { type = STRING, maxLength = 20, pattern = "^#" } }
                    }
                  }
                }
                """);
        GenerationSettings g = JobConfig.load(job, null, List.of(), JobFiles.ENV).model()
                .generation();
        assertEquals(true, g.responseSchemaJson().contains("\"odd name\":{"), g::toString);
    }
}
