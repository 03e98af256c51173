package dev.fmnist.ingest.source;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official name's checksums cannot be switched off or overridden by a request. */
class ChecksumPolicyTest {

    private static final String OFFICIAL = "fashion-mnist";
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String OTHER_SUM = "255e4ee5030c1b3f2a0487f20aef011c00dd85e812ddd30dddf3d68b3943af7a";

    @Test
    void theOfficialNameWithVerificationOffIsRefused() {
        assertThatThrownBy(() -> ChecksumPolicy.forRequest(OFFICIAL, OFFICIAL, false, true, Map.of()))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("official-checksums: checksums cannot be turned off for the official dataset"
                        + " name 'fashion-mnist'")
                .hasMessageContaining("under another name");
        // the name is compared ignoring case: "Fashion-MNIST" is no way around it
        assertThatThrownBy(() -> ChecksumPolicy.forRequest("Fashion-MNIST", OFFICIAL, false, true, Map.of()))
                .hasMessageStartingWith("official-checksums: ");
    }

    @Test
    void theOfficialNameWithOtherSumsIsRefused() {
        assertThatThrownBy(() ->
                        ChecksumPolicy.forRequest(OFFICIAL, OFFICIAL, null, true, Map.of(TRAIN_IMAGES, OTHER_SUM)))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("official-checksums: expectedSha256 cannot override the official checksums")
                .hasMessageContaining(
                        TRAIN_IMAGES + ": the official sum is " + OfficialChecksums.SUMS.get(TRAIN_IMAGES));
        assertThatThrownBy(() -> ChecksumPolicy.forRequest(
                        OFFICIAL, OFFICIAL, true, true, Map.of("fashion_train.csv", OTHER_SUM)))
                .hasMessageContaining("fashion_train.csv is not an official file");
    }

    @Test
    void theOfficialNameIsVerifiedEvenWhenTheServiceTurnsVerificationOff() {
        ChecksumPolicy policy = ChecksumPolicy.forRequest(OFFICIAL, OFFICIAL, null, false, Map.of());
        assertThat(policy.verify()).isTrue();
        assertThat(policy.officialName()).isTrue();
        assertThat(policy.expected(TRAIN_IMAGES)).contains(OfficialChecksums.SUMS.get(TRAIN_IMAGES));
        assertThatThrownBy(() -> policy.check(TRAIN_IMAGES, OTHER_SUM)).hasMessageStartingWith("checksum mismatch");
    }

    @Test
    void repeatingTheOfficialSumsIsAllowed() {
        ChecksumPolicy policy = ChecksumPolicy.forRequest(
                OFFICIAL,
                OFFICIAL,
                true,
                true,
                Map.of(
                        TRAIN_IMAGES,
                        " " + OfficialChecksums.SUMS.get(TRAIN_IMAGES).toUpperCase() + " "));
        assertThat(policy.expected(TRAIN_IMAGES)).contains(OfficialChecksums.SUMS.get(TRAIN_IMAGES));
    }

    @Test
    void otherNamesMayTurnVerificationOffOrDeclareTheirOwnSums() {
        ChecksumPolicy off = ChecksumPolicy.forRequest("my-data", OFFICIAL, false, true, Map.of());
        assertThat(off.verify()).isFalse();
        assertThat(off.check(TRAIN_IMAGES, OTHER_SUM).verified()).isFalse();

        ChecksumPolicy byConfig = ChecksumPolicy.forRequest("my-data", OFFICIAL, null, false, Map.of());
        assertThat(byConfig.verify()).isFalse();

        ChecksumPolicy declared =
                ChecksumPolicy.forRequest("my-data", OFFICIAL, null, true, Map.of(TRAIN_IMAGES, OTHER_SUM));
        assertThat(declared.check(TRAIN_IMAGES, OTHER_SUM).verified()).isTrue();
        assertThat(declared.officialName()).isFalse();
    }
}
