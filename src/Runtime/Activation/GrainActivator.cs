using System.Reflection;
using EcomOps.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EcomOps.Runtime.Activation;

/// <summary>Constructs grain instances: services come from the silo's container, and each parameter marked
/// [PersistentState] gets its own state bound to the grain and the named storage.</summary>
internal sealed class GrainActivator(IServiceProvider services)
{
    private static readonly MethodInfo CreateStateMethod =
        typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Grain Create(ActivationData activation)
    {
        var constructor = activation.ClassInfo.Constructor;
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
            {
                var type = parameter.ParameterType;
                if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                {
                    throw new InvalidOperationException(
                        $"Parameter '{parameter.Name}' of {activation.ClassInfo.ClassType.Name} is marked [PersistentState] but is not an IPersistentState<T>.");
                }

                var storage = attribute.StorageName is null
                    ? services.GetRequiredService<IGrainStorage>()
                    : services.GetRequiredKeyedService<IGrainStorage>(attribute.StorageName);
                arguments[i] = CreateStateMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                    .Invoke(null, [attribute.StateName, storage, activation]);
            }
            else
            {
                arguments[i] = services.GetService(parameter.ParameterType)
                    ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException(
                        $"Cannot activate {activation.ClassInfo.ClassType.Name}: no service of type {parameter.ParameterType.Name} is registered."));
            }
        }

        return ActivationData.Construct(activation, () => (Grain)constructor.Invoke(arguments));
    }

    private static object CreateState<TState>(string stateName, IGrainStorage storage, ActivationData activation) where TState : new()
    {
        var state = new PersistentState<TState>(stateName, storage, activation);
        activation.AddState(state);
        return state;
    }
}
