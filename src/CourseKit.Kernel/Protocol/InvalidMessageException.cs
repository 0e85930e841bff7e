using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace CourseKit.Kernel.Protocol;

/// <summary>A received message that is malformed or wrongly signed.</summary>
public sealed class InvalidMessageException(string reason) : Exception(reason);
