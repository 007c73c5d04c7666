package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gemini.endpoint = vertex}: the public host follows the location, a project is required
 * unless the job signs in with an API key (express mode), and {@code model.labels} is checked,
 * refused on the Gemini API and sent as the request's {@code labels}.
 */
class VertexConfigTest {
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void aRegionalJobCallsItsRegionsHostAndAGlobalOneTheHostWithoutPrefix() throws Exception {
        GeminiSettings regional = load("gemini { endpoint = vertex, vertex { project = my-project-1,"
                + " location = europe-west4 } }\n").gemini();
        assertEquals("https://europe-west4-aiplatform.googleapis.com", regional.baseUrl());
        assertEquals(GeminiSettings.Api.VERTEX, regional.api());
        assertEquals(new VertexSettings("my-project-1", "europe-west4", null, VertexSettings.Auth.ADC),
                regional.vertex());
        GeminiSettings global = load("gemini { endpoint = vertex, vertex.project = my-project-1 }\n").gemini();
        assertEquals("https://aiplatform.googleapis.com", global.baseUrl());
        GeminiSettings api = load("").gemini();
        assertEquals("https://generativelanguage.googleapis.com", api.baseUrl());
        assertEquals(VertexSettings.NONE, api.vertex());
    }

    @Test
    void vertexWithoutAProjectNamesTheKeyTheEndpointLineAndWhatIsExpected() {
        List<String> problems = jobs.problems("gemini.endpoint = vertex\n");
        JobFiles.assertProblem(problems, "gemini.vertex.project", jobs.at(5), "required with"
                + " gemini.endpoint = vertex", "GOOGLE_CLOUD_PROJECT", "api-key");
    }

    @Test
    void expressModeTakesTheApiKeyAndNoProject() throws Exception {
        GeminiSettings express = load("gemini { endpoint = vertex, vertex.auth = api-key }\n").gemini();
        assertFalse(express.vertex().usesTokens());
        List<String> problems = jobs.problems("gemini { endpoint = vertex, vertex { auth = api-key,"
                + " project = my-project-1 } }\n");
        JobFiles.assertProblem(problems, "gemini.vertex.project", jobs.at(5), "express mode");
    }

    @Test
    void badLocationsAndLabelsAreRefusedWithTheirRule() {
        List<String> problems = jobs.problems("gemini { endpoint = vertex, vertex { project = my-project-1,"
                + " location = \"US Central\" } }\nmodel.labels { Team = x, cost = \"A B\" }\n");
        JobFiles.assertProblem(problems, "gemini.vertex.location", jobs.at(5), "region");
        JobFiles.assertProblem(problems, "model.labels.Team", jobs.at(6), "lower-case letter");
        JobFiles.assertProblem(problems, "model.labels.cost", jobs.at(6), "label value");
    }

    @Test
    void labelsNeedVertexAndTravelAsTheRequestsLabels() throws Exception {
        JobFiles.assertProblem(jobs.problems("model.labels.team = search\n"), "model.labels",
                jobs.at(5), "needs gemini.endpoint = vertex");
        ModelSettings model = load("gemini { endpoint = vertex, vertex.project = my-project-1 }\n"
                + "model.labels { team = search }\n").model();
        assertEquals("{\"labels\":{\"team\":\"search\"}}", model.extraRequestFieldsJson());
    }

    private JobSettings load(String extra) throws Exception {
        return JobConfig.load(jobs.write(JobFiles.VALID + extra), null, List.of(), JobFiles.ENV);
    }
}
