package id.go.prakerja.console.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;

class InstructionTest {

    @Test
    void an_instruction_id_names_its_kind_and_sequence() {
        UUID participant = UUID.randomUUID();
        for (IncentiveKind kind : IncentiveKind.values()) {
            for (int sequence = 1; sequence <= kind.maxSequence(); sequence++) {
                Instruction instruction = Instruction.parse(DisbursementRequested.instructionId(participant, kind, sequence)).orElseThrow();
                assertThat(instruction.kind()).isEqualTo(kind.name());
                assertThat(instruction.sequence()).isEqualTo(sequence);
            }
        }
        assertThat(Instruction.parse(DisbursementRequested.instructionId(participant, IncentiveKind.POST_TRAINING, 4)).orElseThrow()
                .paidColumn()).isEqualTo("tranche_4_paid_at");
        assertThat(Instruction.parse(DisbursementRequested.instructionId(participant, IncentiveKind.SURVEY, 2)).orElseThrow()
                .paidColumn()).isEqualTo("survey_2_paid_at");
    }

    @Test
    void an_id_of_another_shape_names_no_tranche() {
        assertThat(Instruction.parse("PAY-123")).isEmpty();
        assertThat(Instruction.parse(UUID.randomUUID() + ":POST_TRAINING:5")).isEmpty();
        assertThat(Instruction.parse(UUID.randomUUID() + ":SURVEY:x")).isEmpty();
        assertThat(Instruction.parse(UUID.randomUUID() + ":BONUS:1")).isEmpty();
    }
}
