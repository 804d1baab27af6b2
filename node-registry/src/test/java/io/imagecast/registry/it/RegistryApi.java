package io.imagecast.registry.it;

import static io.restassured.RestAssured.given;

import io.imagecast.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for the REST tests; every test uses fresh names so the suites share one database. */
final class RegistryApi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RegistryApi() {}

    static RequestSpecification asAdmin() {
        return as(TestTokens.admin());
    }

    static RequestSpecification asViewer() {
        return as(TestTokens.viewer());
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).log().ifValidationFails();
    }

    static String unique(String prefix) {
        StringBuilder name = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return name.toString();
    }

    static Map<String, Object> group(String name, int portStart, int portEnd) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("imageRoot", "/images");
        body.put("portWindowStart", portStart);
        body.put("portWindowEnd", portEnd);
        body.put("multicastPool", List.of("239.1.0.0/24"));
        body.put("maxSessions", 4);
        return body;
    }

    static Map<String, Object> node(String name, String group, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("group", group);
        body.put("address", address);
        body.put("maxSessions", 2);
        return body;
    }

    /** Creates a group and returns its ETag. */
    static String createGroup(String name, int portStart, int portEnd) {
        return postGroup(group(name, portStart, portEnd))
                .statusCode(201)
                .extract()
                .header("ETag");
    }

    /** Creates a node and returns its ETag. */
    static String createNode(Map<String, Object> body) {
        return postNode(body).statusCode(201).extract().header("ETag");
    }

    /** A node registered in a group of its own, the usual starting point of the node tests. */
    record GroupWithNode(String group, String node) {}

    /** Creates a fresh group with ports [portStart, portStart + 10] and one node at {@code address} in it. */
    static GroupWithNode createGroupWithNode(String nodePrefix, int portStart, String address) {
        String group = unique("g");
        createGroup(group, portStart, portStart + 10);
        String nodeName = unique(nodePrefix);
        createNode(node(nodeName, group, address));
        return new GroupWithNode(group, nodeName);
    }

    /** Posts a group body as admin; the caller asserts the outcome. */
    static ValidatableResponse postGroup(Object body) {
        return asAdmin().body(body).post("/api/v1/groups").then();
    }

    /** Posts a node body as admin; the caller asserts the outcome. */
    static ValidatableResponse postNode(Object body) {
        return asAdmin().body(body).post("/api/v1/nodes").then();
    }
}
