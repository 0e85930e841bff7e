using CourseKit.Data;
using CourseKit.Imaging;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Imaging;

public sealed class ImageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("coursekit-images-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A C×H×W image whose values are exact multiples of 1/255, as decoded files are.</summary>
    private static Tensor RandomImage(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[channels * height * width];
        random.NextBytes(bytes);
        return ImageTensor.FromRaw(new RawImage(width, height, channels, bytes));
    }

    [Fact]
    public void PNG_round_trips_are_exact_for_grey_and_RGB()
    {
        foreach (int channels in new[] { 1, 3 })
        {
            using var image = RandomImage(channels, 17, 23, seed: channels);
            string path = Path.Combine(folder, $"image{channels}.png");

            ImageFile.Write(path, image);
            using var back = ImageFile.Read(path);

            Assert.Equal([channels, 17, 23], back.shape);
            Assert.True(back.equal(image).all().item<bool>());
        }
    }

    [Fact]
    public void JPEG_round_trips_are_close_for_a_smooth_image()
    {
        using var y = linspace(0, 1, 48).view(1, 48, 1).expand(3, 48, 64);
        using var x = linspace(0, 1, 64).view(1, 1, 64).expand(3, 48, 64);
        using var image = (0.5 * y + 0.3 * x + tensor(new[] { 0f, 0.1f, 0.2f }).view(3, 1, 1)).contiguous();
        string path = Path.Combine(folder, "smooth.jpg");

        ImageFile.Write(path, image);
        using var back = ImageFile.Read(path);

        Assert.Equal([3, 48, 64], back.shape);
        Assert.True((back - image).abs().mean().item<float>() < 0.01f);
        Assert.Equal(0xFF, File.ReadAllBytes(path)[0]);   // a JPEG (SOI marker FF D8)
    }

    [Fact]
    public void Bytes_become_CHW_floats_divided_by_255_and_back()
    {
        // 1×2 RGB image: pixel (0,0) = (255, 0, 51), pixel (0,1) = (0, 102, 255); files store H×W×C.
        var raw = new RawImage(2, 1, 3, [255, 0, 51, 0, 102, 255]);
        using var chw = ImageTensor.FromRaw(raw);

        Assert.Equal([3, 1, 2], chw.shape);
        Assert.Equal([1f, 0f, 0f, 0.4f, 0.2f, 1f], chw.flatten().data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal(raw.Pixels, ImageTensor.ToRaw(chw).Pixels);
        Assert.Throws<ArgumentException>(() => ImageTensor.ToRaw(zeros(2, 4, 4)));
    }

    [Fact]
    public void Grey_is_the_BT601_luma_and_RGB_repeats_grey()
    {
        using var rgb = tensor(new[] { 1f, 0f, 0.5f, 0f, 1f, 0.5f, 0f, 0f, 0.5f }).view(3, 1, 3);   // red, green, mid grey
        using var grey = ImageTensor.ToGrey(rgb);
        using var again = ImageTensor.ToRgb(grey);
        using var batch = ImageTensor.ToGrey(rgb.unsqueeze(0));

        Assert.Equal([1, 1, 3], grey.shape);
        Assert.Equal([0.299f, 0.587f, 0.5f], grey.flatten().data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal([3, 1, 3], again.shape);
        Assert.True(again[0].equal(again[2]).all().item<bool>());
        Assert.Equal([1, 1, 1, 3], batch.shape);
        Assert.Throws<ArgumentException>(() => ImageTensor.ToGrey(zeros(2, 4, 4)));
    }

    [Theory]
    [InlineData(20, 9)]
    [InlineData(7, 30)]
    [InlineData(13, 17)]
    public void Bilinear_resize_matches_torch_interpolate(int height, int width)
    {
        using var images = rand(2, 3, 13, 17, generator: new Generator(42));
        using var ours = ImageTensor.Resize(images, height, width);
        using var theirs = nn.functional.interpolate(images, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        using var single = ImageTensor.Resize(images[1], height, width);

        Assert.Equal([2, 3, height, width], ours.shape);
        Assert.True((ours - theirs).abs().max().item<float>() < 1e-5f);
        Assert.True((single - theirs[1]).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void A_grid_has_the_size_its_layout_implies_and_puts_each_image_in_its_tile()
    {
        using var images = zeros(10, 1, 28, 28);
        images[3].fill_(1f);   // image 3 white: row 0, column 3
        var layout = ImageGrid.Compose(images, columns: 4, scale: 2);

        Assert.Equal(2 + 4 * (56 + 2), layout.Width);
        Assert.Equal(2 + 3 * (56 + 2), layout.Height);
        int Pixel(int x, int y) => layout.Pixels[(y * layout.Width + x) * 3];
        Assert.Equal(0, Pixel(2, 2));                  // image 0 (black)
        Assert.Equal(255, Pixel(2 + 3 * 58, 2));       // image 3 (white)
        Assert.Equal(255, Pixel(1, 1));                // gap (white)

        var labelled = ImageGrid.Compose(images, Enumerable.Range(0, 10).Select(i => $"#{i} Ankle boot").ToList(), columns: 5, scale: 1);
        int labelWidth = BitmapFont.MeasureWidth("#0 Ankle boot") + 2 * ImageGrid.Gap;   // wider than the 28-pixel image
        Assert.Equal(2 + 5 * (labelWidth + 2), labelled.Width);
        Assert.Equal(2 + 2 * (28 + 7 + 4 + 2), labelled.Height);

        byte[] png = ImageGrid.Png(images, columns: 4);
        var decoded = ImageFile.Codec.Decode(png);
        Assert.Equal((layout.Width, layout.Height), (decoded.Width, decoded.Height));
        Assert.Throws<ArgumentException>(() => ImageGrid.Png(images, ["only one label"]));
    }

    [Fact]
    public void The_font_draws_a_one_as_its_glyph()
    {
        var canvas = new byte[7 * 5 * 3];
        BitmapFont.Draw(canvas, 5, 7, "1", 0, 0, (0, 0, 0), 1);   // on a black canvas nothing changes…
        Assert.All(canvas, b => Assert.Equal(0, b));
        Array.Fill(canvas, (byte)255);
        BitmapFont.Draw(canvas, 5, 7, "1", 0, 0, (0, 0, 0), 1);
        string[] rows = Enumerable.Range(0, 7)
            .Select(y => new string(Enumerable.Range(0, 5).Select(x => canvas[(y * 5 + x) * 3] == 0 ? '#' : '.').ToArray())).ToArray();
        Assert.Equal(["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."], rows);
        Assert.True(BitmapFont.Supports('a') && BitmapFont.Supports('/') && !BitmapFont.Supports('ä'));
    }

    [Fact]
    public void Photos_load_with_their_shapes_and_match_the_files_in_data_images()
    {
        var expected = new Dictionary<string, long[]>
        {
            ["camera"] = [1, 512, 512], ["chelsea"] = [3, 300, 451], ["astronaut"] = [3, 512, 512],
            ["coffee"] = [3, 400, 600], ["rocket"] = [3, 427, 640],
        };
        foreach (string name in Photos.Names)
        {
            using var photo = Photos.Load(name);
            Assert.Equal(expected[name], photo.shape);
            Assert.InRange(photo.min().item<float>(), 0f, 0.1f);
            Assert.InRange(photo.max().item<float>(), 0.9f, 1f);
        }
        using var camera = Photos.Load("camera");
        using var file = ImageFile.Read(Path.Combine(DataLocator.RepositoryRoot()!, "data", "images", "camera.png"));
        Assert.True(camera.equal(file).all().item<bool>());
        Assert.Contains("camera, chelsea", Assert.Throws<ArgumentException>(() => Photos.Load("lena")).Message);
    }

    [Fact]
    public void Bad_image_files_give_clear_errors()
    {
        string junk = Path.Combine(folder, "junk.png");
        File.WriteAllText(junk, "not an image");

        Assert.Contains(junk, Assert.Throws<InvalidDataException>(() => ImageFile.Read(junk)).Message);
        Assert.Throws<FileNotFoundException>(() => ImageFile.Read(Path.Combine(folder, "none.png")));
        Assert.Contains(".png, .jpg", Assert.Throws<ArgumentException>(() => ImageFile.Write(Path.Combine(folder, "x.bmp"), zeros(1, 2, 2))).Message);
    }

    [Fact]
    public void ShowImages_returns_a_PNG_and_normalize_stretches_each_image_to_the_full_range()
    {
        using var signed = tensor(new[] { -2f, 0f, 2f, 4f }).view(1, 2, 2);
        var plain = Pictures.Images(signed, scale: 1);
        var stretched = Pictures.Images(signed, scale: 1, normalize: true);

        var clamped = ImageFile.Codec.Decode(Convert.FromBase64String(plain.Data["image/png"]));
        var rescaled = ImageFile.Codec.Decode(Convert.FromBase64String(stretched.Data["image/png"]));
        byte At(RawImage image, int x, int y) => image.Pixels[((y + ImageGrid.Gap) * image.Width + x + ImageGrid.Gap) * 3];
        Assert.Equal([0, 0, 255, 255], new[] { At(clamped, 0, 0), At(clamped, 1, 0), At(clamped, 0, 1), At(clamped, 1, 1) });
        Assert.Equal([0, 85, 170, 255], new[] { At(rescaled, 0, 0), At(rescaled, 1, 0), At(rescaled, 0, 1), At(rescaled, 1, 1) });
        Assert.Equal("image 1×2×2", plain.ToString());
    }

    [Fact]
    public void ShowMatrix_prints_the_numbers_as_a_table()
    {
        using var g = tensor(new[] { 0f, 10f, 20f, 1f / 3f, -0.0f, 90f }).view(2, 3);
        var output = Pictures.Matrix(g, "G");

        Assert.Equal("G\n    0    10    20\n0.333     0    90", output.ToString());
        Assert.Equal(6, output.Data["text/html"].Split("<td").Length - 1);
        Assert.Contains("<caption", output.Data["text/html"]);
    }

    [Fact]
    public void ShowMatrices_puts_the_tables_side_by_side_with_their_titles()
    {
        using var a = tensor(new[] { 1f, 2f, 3f, 4f }).view(2, 2);
        using var b = tensor(new[] { 0.5f, -1f });
        var output = Pictures.Matrices(("A", a), ("b", b));

        Assert.Equal(2, output.Data["text/html"].Split("<table").Length - 1);
        Assert.Equal(6, output.Data["text/html"].Split("<td").Length - 1);
        Assert.Equal("A\n1 2\n3 4\n\nb\n0.5  -1", output.ToString());
        Assert.Throws<ArgumentException>(() => Pictures.Matrices(("cube", zeros(2, 2, 2))));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
