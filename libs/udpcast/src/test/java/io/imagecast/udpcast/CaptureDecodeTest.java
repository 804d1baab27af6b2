package io.imagecast.udpcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.Message;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Opcode;
import io.imagecast.udpcast.wire.ReqAck;
import io.imagecast.udpcast.wire.Retransmit;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Test 9: every udpcast datagram of the reference captures decodes and re-encodes byte-identically. */
class CaptureDecodeTest {

    record Udp(int srcPort, int dstPort, byte[] payload) {}

    @ParameterizedTest
    @ValueSource(strings = {"udpcast-1rx.pcap", "udpcast-2rx-loss.pcap"})
    void everyMessageDecodesAndReencodes(String capture) throws Exception {
        List<Udp> datagrams = udpcastDatagrams(capture);
        assertThat(datagrams).hasSizeGreaterThan(30);
        Map<Integer, Integer> seen = new HashMap<>();
        for (Udp u : datagrams) {
            Message m = MessageCodec.decode(Buffer.buffer(u.payload()));
            seen.merge(m.opcode(), 1, Integer::sum);
            byte[] again = m.encode().getBytes();
            if (m instanceof DataHeader) {
                assertThat(again).isEqualTo(Arrays.copyOf(u.payload(), DataHeader.SIZE));
                continue;
            }
            assertThat(again).hasSize(u.payload().length);
            byte[] expected = u.payload().clone();
            maskUnused(m, expected);
            maskUnused(m, again);
            assertThat(again).as("re-encoded %s", m).isEqualTo(expected);
        }
        assertThat(seen)
                .containsKeys(
                        Opcode.HELLO,
                        Opcode.CONNECT_REQ,
                        Opcode.CONNECT_REPLY,
                        Opcode.DATA,
                        Opcode.REQACK,
                        Opcode.OK,
                        Opcode.DISCONNECT);
        if (capture.contains("loss")) {
            assertThat(seen).containsKey(Opcode.RETRANSMIT);
            Retransmit rx = datagrams.stream()
                    .map(u -> MessageCodec.decode(Buffer.buffer(u.payload())))
                    .filter(Retransmit.class::isInstance)
                    .map(Retransmit.class::cast)
                    .findFirst()
                    .orElseThrow();
            // blocks 0-4 and 6-33 received, block 5 missing (spec section 10)
            assertThat(Arrays.copyOf(rx.received(), 6)).containsExactly(0xdf, 0xff, 0xff, 0xff, 0x03, 0x00);
        }
    }

    /** The DATA payloads of the 1-receiver session, placed by slice offsets, rebuild the input file. */
    @ParameterizedTest
    @ValueSource(strings = {"udpcast-1rx.pcap", "udpcast-2rx-loss.pcap"})
    void dataRebuildsTheInputFile(String capture) throws Exception {
        byte[] expected = resource("pattern-50000.bin");
        byte[] rebuilt = new byte[expected.length];
        Map<Integer, Integer> sliceBytes = new HashMap<>();
        int blockSize = 0;
        List<Udp> datagrams = udpcastDatagrams(capture);
        for (Udp u : datagrams) {
            Message m = MessageCodec.decode(Buffer.buffer(u.payload()));
            if (m instanceof ConnectReply r) {
                blockSize = r.blockSize();
            } else if (m instanceof DataHeader d) {
                sliceBytes.put(d.slice(), d.sliceBytes());
            } else if (m instanceof ReqAck r) {
                sliceBytes.putIfAbsent(r.slice(), r.sliceBytes());
            }
        }
        assertThat(blockSize).isEqualTo(1456);
        for (Udp u : datagrams) {
            if (MessageCodec.decode(Buffer.buffer(u.payload())) instanceof DataHeader d) {
                long offset = (long) d.block() * blockSize;
                for (int s = 0; s < d.slice(); s++) {
                    offset += sliceBytes.get(s);
                }
                System.arraycopy(
                        u.payload(), DataHeader.SIZE, rebuilt, (int) offset, u.payload().length - DataHeader.SIZE);
            }
        }
        assertThat(rebuilt).isEqualTo(expected);
        assertThat(sliceBytes).containsEntry(0, 49504).containsEntry(1, 496).containsEntry(2, 0);
    }

    /** Bytes the spec marks unused: HELLO 12-23 and 26-27, CONNECT_REPLY 20-31 (stack garbage on the wire). */
    private static void maskUnused(Message m, byte[] b) {
        if (m instanceof Hello) {
            Arrays.fill(b, 12, 24, (byte) 0);
            Arrays.fill(b, 26, 28, (byte) 0);
        } else if (m instanceof ConnectReply) {
            Arrays.fill(b, 20, 32, (byte) 0);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CaptureDecodeTest.class.getResourceAsStream("/captures/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** UDP payloads to or from the udpcast ports (9000/9001) in a classic little-endian Ethernet pcap. */
    static List<Udp> udpcastDatagrams(String capture) throws IOException {
        ByteBuffer pcap = ByteBuffer.wrap(resource(capture)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(pcap.getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(pcap.getInt(20)).as("Ethernet link type").isEqualTo(1);
        List<Udp> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= pcap.limit()) {
            int caplen = pcap.getInt(pos + 8);
            int frame = pos + 16;
            pos = frame + caplen;
            ByteBuffer f = ByteBuffer.wrap(pcap.array(), frame, caplen).slice().order(ByteOrder.BIG_ENDIAN);
            if (caplen < 42 || f.getShort(12) != 0x0800 || f.get(23) != 17) {
                continue;
            }
            int ihl = (f.get(14) & 0x0f) * 4;
            int udp = 14 + ihl;
            int src = f.getShort(udp) & 0xffff;
            int dst = f.getShort(udp + 2) & 0xffff;
            int len = (f.getShort(udp + 4) & 0xffff) - 8;
            if ((src == 9000 || src == 9001) && (dst == 9000 || dst == 9001)) {
                byte[] payload = new byte[len];
                f.get(udp + 8, payload);
                out.add(new Udp(src, dst, payload));
            }
        }
        return out;
    }
}
