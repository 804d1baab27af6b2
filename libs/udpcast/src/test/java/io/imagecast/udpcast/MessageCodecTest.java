package io.imagecast.udpcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.Disconnect;
import io.imagecast.udpcast.wire.Go;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.MalformedMessageException;
import io.imagecast.udpcast.wire.Message;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.ReqAck;
import io.imagecast.udpcast.wire.Retransmit;
import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void roundTripsEveryMessage() {
        byte[] map = new byte[Bitmap128.BYTES];
        Bitmap128.set(map, 0);
        Bitmap128.set(map, 1023);
        List<Message> messages = List.of(
                Hello.of(Ipv4.parse("234.78.0.1"), 1456),
                new ConnectRequest(9, 212992),
                new ConnectReply(3, 1456, 9, Ipv4.parse("234.78.0.1")),
                new Go(),
                new Disconnect(),
                new Ok(77),
                new Retransmit(5, 2, map),
                new ReqAck(5, 163072, 2, map));
        for (Message m : messages) {
            Buffer wire = m.encode();
            assertThat(wire.length()).isEqualTo(m.size());
            assertThat(MessageCodec.decode(wire)).isEqualTo(m);
        }
    }

    @Test
    void encodesLikeTheSpecExamples() {
        assertThat(HexFormat.of()
                        .formatHex(Hello.of(Ipv4.parse("234.78.0.1"), 1456)
                                .encode()
                                .getBytes()))
                .isEqualTo("05000000" + "00000009" + "ea4e0001" + "000000000000000000000000" + "05b0" + "0000");
        assertThat(HexFormat.of().formatHex(new Go().encode().getBytes())).isEqualTo("00020000");
        byte[] map = new byte[Bitmap128.BYTES];
        Bitmap128.set(map, 1);
        assertThat(HexFormat.of().formatHex(map, 0, 2)).isEqualTo("0200");
        assertThat(Ipv4.format(Ipv4.defaultDataAddress(Ipv4.parse("10.78.0.1"))))
                .isEqualTo("234.78.0.1");
    }

    @Test
    void rejectsWrongSizesAndOpcodes() {
        assertThatThrownBy(() -> MessageCodec.decode(Buffer.buffer(new byte[] {0})))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode(Buffer.buffer(new byte[] {0, 0, 0, 0, 0, 0, 0})))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode(Buffer.buffer(new byte[] {0, 5, 0, 0})))
                .isInstanceOf(MalformedMessageException.class);
        Buffer padded = new Ok(1).encode().appendByte((byte) 0);
        assertThatThrownBy(() -> MessageCodec.decode(padded)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void randomBytesNeverEscapeAsOtherExceptions() {
        Random rnd = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[rnd.nextInt(200)];
            rnd.nextBytes(b);
            if (b.length >= 2 && rnd.nextBoolean()) {
                b[0] = 0;
                b[1] = (byte) rnd.nextInt(12);
            }
            try {
                MessageCodec.decode(Buffer.buffer(b));
            } catch (MalformedMessageException expected) {
                // the only acceptable failure
            }
        }
    }
}
