namespace AudioEdge.Benchmarking.Tests;

public class HardwareFactsTests
{
    private const string X64 = """
        processor	: 0
        vendor_id	: AuthenticAMD
        cpu family	: 25
        model		: 17
        model name	: AMD EPYC 9R14 96-Core Processor
        flags		: fpu vme de pse tsc msr sse sse2 ssse3 sse4_1 sse4_2 avx f16c fma avx2 avx512f avx512_vnni
        bogomips	: 5200.00

        processor	: 1
        vendor_id	: AuthenticAMD
        model		: 17
        model name	: AMD EPYC 9R14 96-Core Processor
        flags		: fpu vme de pse tsc msr sse sse2 ssse3 sse4_1 sse4_2 avx f16c fma avx2 avx512f avx512_vnni

        """;

    private const string Pi4 = """
        processor	: 0
        BogoMIPS	: 108.00
        Features	: fp asimd evtstrm crc32 cpuid
        CPU implementer	: 0x41
        CPU architecture: 8
        CPU variant	: 0x0
        CPU part	: 0xd08
        CPU revision	: 3

        processor	: 1
        BogoMIPS	: 108.00
        Features	: fp asimd evtstrm crc32 cpuid
        CPU implementer	: 0x41
        CPU architecture: 8
        CPU variant	: 0x0
        CPU part	: 0xd08
        CPU revision	: 3

        processor	: 2
        BogoMIPS	: 108.00
        Features	: fp asimd evtstrm crc32 cpuid
        CPU implementer	: 0x41
        CPU part	: 0xd08

        processor	: 3
        BogoMIPS	: 108.00
        Features	: fp asimd evtstrm crc32 cpuid
        CPU implementer	: 0x41
        CPU part	: 0xd08

        Hardware	: BCM2835
        Revision	: c03114
        Serial		: 10000000a1b2c3d4
        Model		: Raspberry Pi 4 Model B Rev 1.4

        """;

    private const string Pi5 = """
        processor	: 0
        BogoMIPS	: 108.00
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
        CPU implementer	: 0x41
        CPU architecture: 8
        CPU variant	: 0x4
        CPU part	: 0xd0b
        CPU revision	: 1

        processor	: 1
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
        CPU implementer	: 0x41
        CPU part	: 0xd0b

        processor	: 2
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
        CPU implementer	: 0x41
        CPU part	: 0xd0b

        processor	: 3
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
        CPU implementer	: 0x41
        CPU part	: 0xd0b

        Revision	: c04170
        Serial		: 1234567890abcdef
        Model		: Raspberry Pi 5 Model B Rev 1.0

        """;

    [Test]
    public void X64_cpuinfo_gives_model_cores_and_avx2()
    {
        HardwareFacts facts = HardwareFacts.ParseCpuInfo(X64);
        Assert.Multiple(() =>
        {
            Assert.That(facts.CpuModel, Is.EqualTo("AMD EPYC 9R14 96-Core Processor"));
            Assert.That(facts.Board, Is.Null, "x86's numeric 'model' is not a board name");
            Assert.That(facts.Cores, Is.EqualTo(2));
            Assert.That(facts.Avx2, Is.True);
            Assert.That(facts.Vnni, Is.True);
            Assert.That(facts.AdvSimd, Is.False);
            Assert.That(facts.DotProduct, Is.False);
        });
    }

    [Test]
    public void Pi4_cpuinfo_is_a_cortex_a72_with_neon_but_no_dot_product()
    {
        HardwareFacts facts = HardwareFacts.ParseCpuInfo(Pi4);
        Assert.Multiple(() =>
        {
            Assert.That(facts.CpuModel, Is.EqualTo("ARM Cortex-A72"));
            Assert.That(facts.Board, Is.EqualTo("Raspberry Pi 4 Model B Rev 1.4"));
            Assert.That(facts.Cores, Is.EqualTo(4));
            Assert.That(facts.AdvSimd, Is.True);
            Assert.That(facts.DotProduct, Is.False);
            Assert.That(facts.Avx2, Is.False);
            Assert.That(facts.Vnni, Is.False);
        });
    }

    [Test]
    public void Pi5_cpuinfo_is_a_cortex_a76_with_dot_product()
    {
        HardwareFacts facts = HardwareFacts.ParseCpuInfo(Pi5);
        Assert.Multiple(() =>
        {
            Assert.That(facts.CpuModel, Is.EqualTo("ARM Cortex-A76"));
            Assert.That(facts.Board, Is.EqualTo("Raspberry Pi 5 Model B Rev 1.0"));
            Assert.That(facts.Cores, Is.EqualTo(4));
            Assert.That(facts.AdvSimd, Is.True);
            Assert.That(facts.DotProduct, Is.True);
            Assert.That(facts.Avx2, Is.False);
        });
    }

    [Test]
    public void Pi5_cpuinfo_without_asimddp_reports_no_dot_product()
    {
        HardwareFacts facts = HardwareFacts.ParseCpuInfo(Pi5.Replace(" asimddp", string.Empty, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(facts.DotProduct, Is.False);
            Assert.That(facts.AdvSimd, Is.True);
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("garbage without colons\n\n")]
    public void Unreadable_cpuinfo_gives_nulls_not_a_crash(string? text)
    {
        HardwareFacts facts = HardwareFacts.ParseCpuInfo(text);
        Assert.Multiple(() =>
        {
            Assert.That(facts.CpuModel, Is.Null);
            Assert.That(facts.Cores, Is.Null);
            Assert.That(facts.AdvSimd, Is.Null);
            Assert.That(facts.DotProduct, Is.Null);
            Assert.That(facts.Avx2, Is.Null);
            Assert.That(facts.ProcessorCount, Is.GreaterThan(0));
            Assert.That(facts.RuntimeIntrinsics, Is.Not.Empty);
        });
    }

    [Test]
    public void Unknown_arm_core_shows_its_ids()
    {
        Assert.That(HardwareFacts.ArmCoreName("0x61", "0x022"), Is.EqualTo("implementer 0x61 part 0x022"));
    }

    [Test]
    public void Probing_this_machine_does_not_throw()
    {
        Assert.DoesNotThrow(() => HardwareFacts.Probe());
        Assert.DoesNotThrow(() => ThermalSnapshot.Take());
    }

    [TestCase("throttled=0x0", "0x0", "now: none; since boot: none")]
    [TestCase("throttled=0x50005\n", "0x50005", "now: under-voltage, throttled; since boot: under-voltage, throttled")]
    [TestCase("throttled=0x80008", "0x80008", "now: soft temperature limit; since boot: soft temperature limit")]
    public void Vcgencmd_throttled_is_decoded(string output, string raw, string meaning)
    {
        (string Raw, string Meaning)? decoded = ThermalSnapshot.DecodeThrottled(output);
        Assert.That(decoded, Is.EqualTo((raw, meaning)));
    }

    [TestCase(null)]
    [TestCase("error=1 error_msg=\"Command not registered\"")]
    public void Unparsable_vcgencmd_output_is_null(string? output) => Assert.That(ThermalSnapshot.DecodeThrottled(output), Is.Null);
}
