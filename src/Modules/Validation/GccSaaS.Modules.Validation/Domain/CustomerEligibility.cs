namespace GccSaaS.Modules.Validation.Domain;

/// <summary>R-VAL-5: the eligibility category a customer is submitted under (seed 002).</summary>
internal enum CustomerEligibilityCategory
{
    UsFederalGovernment = 0,
    UsStateGovernment = 1,
    UsLocalGovernment = 2,
    UsTribalGovernment = 3,
    RegionalOrInterstateGovernment = 4,
    FederallyFundedResearchCentre = 5,
    CommercialWithRegulatedGovernmentData = 6,
}

/// <summary>The regulated government data a commercial entity holds (only with <see cref="CustomerEligibilityCategory.CommercialWithRegulatedGovernmentData"/>).</summary>
internal enum RegulatedGovernmentData
{
    Itar = 0,
    Cui = 1,
    DodUcni = 2,
    DoeUcni = 3,
    Cji = 4,
    DodImpactLevel = 5,
    Other = 6,
}
