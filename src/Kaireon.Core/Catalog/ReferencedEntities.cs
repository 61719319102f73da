using System.Text.Json;
using Kaireon.Core.Storage;

namespace Kaireon.Core.Catalog;

/// <summary>The entities a write refers to, loaded once, for rules that span entities.</summary>
public sealed class ReferencedEntities(IReadOnlyDictionary<string, CatalogDocument> documents)
{
    public TRef? Find<TRef>(CatalogKind<TRef> kind, string? id) where TRef : CatalogEntity =>
        id is not null && documents.TryGetValue(CatalogDocument.RefTo(kind.Name, id), out var document)
            ? document.Body.Deserialize(kind.Json)
            : null;
}
