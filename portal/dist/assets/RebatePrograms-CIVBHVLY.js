import{n as e}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t}from"./useTranslation-BHcLAHjw.js";import{o as n,t as r,u as i}from"./usePageTitle-CUEgSYxO.js";import{t as a}from"./viewer-BCh4hgTe.js";import{n as o,r as s,t as c}from"./States-Fx22-PiY.js";import{t as l}from"./PolicyAudience-C3FAhHc6.js";import{r as u}from"./format-B5R3HS_1.js";import{a as d}from"./incentive-DFARsnoZ.js";import{t as f}from"./jsx-runtime-Wy9s6hX0.js";var p=f(),m=n(`
  query RebatePrograms($first: Int) {
    rebatePrograms(first: $first) {
      totalCount
      edges {
        node {
          id
          name
          periodKind
          firstPeriod
          lastPeriod
          currentPeriod
          tierMode
          tiers {
            threshold
            rateBasisPoints
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`);function h(){let{t:n,i18n:f}=t(),h=f.language===`zh`?`zh-CN`:`en`;r(n(`incentives.programsTitle`));let[{data:g}]=a(),_=g?.me.role===`ADMIN`,[{data:v,error:y,fetching:b},x]=i({query:m,variables:{first:50}}),S=(v?.rebatePrograms.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,p.jsxs)(`section`,{"aria-labelledby":`rebates-title`,children:[(0,p.jsxs)(`div`,{className:`page-head`,children:[(0,p.jsx)(`h1`,{id:`rebates-title`,children:n(`incentives.programsTitle`)}),_&&(0,p.jsx)(e,{className:`button button-primary`,to:`/rebates/new`,"data-link":`new-program`,children:n(`incentives.newProgram`)})]}),(0,p.jsx)(`p`,{className:`lead`,children:n(`incentives.programsIntro`)}),b&&!v?(0,p.jsx)(s,{}):y&&!v?(0,p.jsx)(o,{error:y,onRetry:()=>x({requestPolicy:`network-only`})}):S.length?(0,p.jsxs)(p.Fragment,{children:[(0,p.jsx)(`p`,{className:`count`,children:n(`incentives.programCount`,{count:v?.rebatePrograms.totalCount??0})}),(0,p.jsx)(`ul`,{className:`cards program-list`,children:S.map(t=>(0,p.jsxs)(`li`,{className:`card`,"data-program":t.name,children:[(0,p.jsxs)(`p`,{className:`card-title`,children:[(0,p.jsx)(e,{to:`/rebates/${encodeURIComponent(t.id)}`,children:t.name}),` `,(0,p.jsx)(`span`,{className:`badge`,children:n(`incentives.periodKind.${t.periodKind}`)}),` `,(0,p.jsx)(`span`,{className:`badge`,children:n(`incentives.tierMode.${t.tierMode}`)})]}),(0,p.jsxs)(`p`,{className:`muted`,children:[t.lastPeriod?n(`incentives.runsFromTo`,{first:t.firstPeriod,last:t.lastPeriod}):n(`incentives.runsFrom`,{first:t.firstPeriod}),t.currentPeriod&&(0,p.jsxs)(p.Fragment,{children:[` · `,n(`incentives.currentPeriod`,{period:t.currentPeriod})]})]}),(0,p.jsxs)(`p`,{children:[n(`incentives.for`),` `,(0,p.jsx)(l,{audience:t.audience})]}),(0,p.jsx)(`p`,{className:`tier-summary`,children:t.tiers.map(e=>n(`incentives.tierWords`,{rate:d(e.rateBasisPoints,h),amount:u(e.threshold,h)})).join(` · `)})]},t.id))})]}):(0,p.jsx)(c,{children:n(`incentives.noPrograms`)})]})}export{h as RebatePrograms,m as RebateProgramsQuery};