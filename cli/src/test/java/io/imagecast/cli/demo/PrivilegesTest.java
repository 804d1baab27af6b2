package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegesTest {
    @Test
    void rootWithFullCapabilitiesMayBuildTheLab() {
        assertThat(Privileges.missing(List.of("Uid:\t0\t0\t0\t0", "CapEff:\t000001ffffffffff")))
                .isNull();
    }

    @Test
    void aNormalUserIsToldWhatIsNeeded() {
        String why = Privileges.missing(List.of("Uid:\t1000\t1000\t1000\t1000", "CapEff:\t0000000000000000"));
        assertThat(why)
                .contains("neither root nor CAP_NET_ADMIN and CAP_SYS_ADMIN")
                .contains("sudo ./imagecast demo")
                .contains("no user-namespace mode");
    }

    @Test
    void namesTheOneMissingCapability() {
        // CAP_NET_ADMIN (bit 12) only
        assertThat(Privileges.missing(List.of("Uid:\t1000\t1000\t1000\t1000", "CapEff:\t0000000000001000")))
                .contains("neither root nor CAP_SYS_ADMIN");
    }
}
