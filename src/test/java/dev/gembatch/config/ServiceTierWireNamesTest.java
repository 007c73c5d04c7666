package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The service tier a response's wire name names (read for every answer). */
class ServiceTierWireNamesTest {

    @Test
    void aWireNameInAnyCaseAndWithSpacesAroundItNamesItsTier() {
        assertEquals(ServiceTier.FLEX, ServiceTier.ofWire(" Flex\n"));
        assertEquals(ServiceTier.PRIORITY, ServiceTier.ofWire("PRIORITY"));
        for (ServiceTier tier : ServiceTier.values()) {
            assertEquals(tier, ServiceTier.ofWire(tier.wireName()));
        }
    }

    @Test
    void anyOtherNameNamesNoTier() {
        assertNull(ServiceTier.ofWire(null));
        assertNull(ServiceTier.ofWire(""));
        assertNull(ServiceTier.ofWire("batch"));
    }
}
