namespace AudioEdge.Audio.Alsa.Tests;

[TestFixture]
public sealed class AlsaDeviceListTests
{
    [Test]
    public void ListsCapturePcmsWithTheirDescriptionsAndLeavesOutPlaybackOnlyOnes()
    {
        IReadOnlyList<AlsaDeviceInfo> devices = AlsaDeviceList.GetCaptureDevices();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, devices));

        Assert.Multiple(() =>
        {
            Assert.That(devices, Has.Member(new AlsaDeviceInfo(AlsaTestEnvironment.FilePcm, "AudioEdge test: capture from a raw file")));
            Assert.That(devices.Select(d => d.Name), Has.Member("null"), "alsa.conf always defines it.");
            Assert.That(devices.Select(d => d.Name), Has.No.Member("aeplayback"), "IOID Output is playback only.");
            Assert.That(devices.Select(d => d.Name), Is.All.Not.Empty);
        });
    }
}
