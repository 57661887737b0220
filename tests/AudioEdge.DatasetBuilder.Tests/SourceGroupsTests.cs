using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Tests;

public class SourceGroupsTests
{
    [TestCase("glass_break/aspinity_events/GBTD-01-01-LP-gb11_000.wav", "aspinity:GBTD-01-01-LP-gb11")]
    [TestCase("glass_break/aspinity_mixed/GBTD-01-01-LP-gb11_000_a005_0_30_000.wav", "aspinity:GBTD-01-01-LP-gb11")]
    [TestCase("glass_break/aspinity_mixed/GBTD-01-01-LP-gb11_a005_0_30_000.wav", "aspinity:GBTD-01-01-LP-gb11")]
    [TestCase("glass_break/aspinity_events/R3S1M2_000_000.wav", "aspinity:R3S1M2")]
    [TestCase("glass_break/aspinity_mixed/R3S1M2_000_a012_90_120_000.wav", "aspinity:R3S1M2")]
    [TestCase("glass_break/aspinity_events/Room1_window_hit_3_W3_window_hit__crash__event_1_000_000.wav", "aspinity:Room1_3_W3_1")]
    [TestCase("glass_break/aspinity_mixed/Room1_window_hit_3_W3_window_hit__crash__event_1_000_a005_90_120_000.wav", "aspinity:Room1_3_W3_1")]
    [TestCase("glass_break/aspinity_events/Room1_3_W3_1_000_000.wav", "aspinity:Room1_3_W3_1")]
    [TestCase("smoke_alarm/tinyml_alert/alarm.6gnkbqnq.ingestion-7f474ccdc-shp8t.s1.wav", "tinyml:alarm.6gnkbqnq")]
    [TestCase("smoke_alarm/tinyml_alert/alarm.6gnkbqnq.ingestion-7f474ccdc-shp8t.s2.wav", "tinyml:alarm.6gnkbqnq")]
    [TestCase("glass_break/tinyml_alert/glass_break.6hhfis51.ingestion-6bfbdbf9c4-bbmnr.s1.wav", "tinyml:glass_break.6hhfis51")]
    [TestCase("audioset/alarm/1GG3QoDNLFM_30.000.flac", "youtube:1GG3QoDNLFM")]
    [TestCase("audioset/other/01B907_Gyys_160.000.flac", "youtube:01B907_Gyys")]
    [TestCase("kitchen20/blender/0-158737-A-0.flac", "freesound:158737")]
    [TestCase("kitchen20/blender/0-158737-C-0.flac", "freesound:158737")]
    [TestCase("kitchen20/fridge/2-J-frigo2(1).aac-A-10.flac", "kitchen20:J-frigo2.aac")]
    [TestCase("kitchen20/fridge/2-J-frigo2.aac-B-10.flac", "kitchen20:J-frigo2.aac")]
    [TestCase("urban/urbansound8k_sample/100032-3-0-0.flac", "freesound:100032")]
    [TestCase("urban/urbansound8k_sample/siren_1.flac", "file:urban/urbansound8k_sample/siren_1.flac")]
    [TestCase("rooms_smartphone/alarm_large_3.flac", "rooms:alarm_3")]
    [TestCase("rooms_smartphone/alarm_small_3.flac", "rooms:alarm_3")]
    [TestCase("speech/spoken_digits/7_jackson_13.flac", "fsdd-speaker:jackson")]
    [TestCase("speech/pyroomacoustics/cmu_arctic_us_aew_a0002.flac", "arctic-speaker:aew")]
    [TestCase("speech/pyroomacoustics/output_RakeMVDR.flac", "pyroomacoustics:beamforming-example")]
    [TestCase("speech/pyroomacoustics/input.flac", "pyroomacoustics:beamforming-example")]
    [TestCase("speech/pyroomacoustics/guitar_44k.flac", "pyroomacoustics:guitar")]
    [TestCase("music_tonal/librosa/198-209-0000.hq.flac", "librispeech-speaker:198")]
    [TestCase("noise/speech_commands_bg/white_noise.flac", "file:noise/speech_commands_bg/white_noise.flac")]
    public void Files_cut_from_one_source_share_its_key(string path, string key) =>
        Assert.That(SourceGroups.KeyFor(path), Is.EqualTo(key));
}
