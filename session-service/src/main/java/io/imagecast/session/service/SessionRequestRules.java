package io.imagecast.session.service;

import io.imagecast.service.problem.FieldViolation;
import io.imagecast.session.domain.ImagePath;
import io.imagecast.session.service.CreateSessionRequest.HostSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Rules spanning several fields of a create request; single-field rules are Bean Validation. */
public final class SessionRequestRules {
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(90);

    private SessionRequestRules() {}

    /** The normalised image directory, or a 400 problem naming every offending field. */
    public static String check(CreateSessionRequest request, Instant now) {
        List<FieldViolation> errors = new ArrayList<>();
        ImagePath.Result image = ImagePath.check(request.image().dir());
        image.path().ifPresentOrElse(path -> {}, () -> errors.add(new FieldViolation("image.dir", image.problem())));
        List<String> files =
                request.image().files() == null ? List.of() : request.image().files();
        if (files.stream().anyMatch(f -> f.equals(".") || f.equals(".."))) {
            errors.add(new FieldViolation("image.files", "must not contain '.' or '..'"));
        }
        if (new HashSet<>(files).size() != files.size()) {
            errors.add(new FieldViolation("image.files", "must not list a file twice"));
        }
        List<HostSpec> hosts = request.hosts() == null ? List.of() : request.hosts();
        if (request.expectedReceivers() == null && hosts.isEmpty()) {
            errors.add(new FieldViolation("expectedReceivers", "give expectedReceivers, hosts, or both"));
        }
        for (int i = 0; i < hosts.size(); i++) {
            HostSpec host = hosts.get(i);
            if (host.name() == null && host.mac() == null && host.ip() == null) {
                errors.add(new FieldViolation("hosts[" + i + "]", "needs a name, a MAC or an IP address"));
            }
        }
        duplicates(hosts, HostSpec::name, "hosts", "name", errors);
        duplicates(hosts, h -> h.mac() == null ? null : h.mac().replace('-', ':'), "hosts", "mac", errors);
        duplicates(hosts, HostSpec::ip, "hosts", "ip", errors);
        if (request.minWaitSeconds() != null
                && request.maxWaitSeconds() != null
                && request.minWaitSeconds() > request.maxWaitSeconds()) {
            errors.add(new FieldViolation("minWaitSeconds", "must not exceed maxWaitSeconds"));
        }
        if (request.startAt() != null && request.startAt().isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
            errors.add(new FieldViolation("startAt", "must be within " + MAX_SCHEDULE_AHEAD.toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return image.path().orElseThrow();
    }

    private static void duplicates(
            List<HostSpec> hosts,
            Function<HostSpec, String> field,
            String list,
            String name,
            List<FieldViolation> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < hosts.size(); i++) {
            String value = field.apply(hosts.get(i));
            if (value != null && !seen.add(value.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldViolation(list + "[" + i + "]." + name, "duplicates an earlier host"));
            }
        }
    }
}
