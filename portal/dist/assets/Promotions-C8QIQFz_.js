import{n as e}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t}from"./useTranslation-BHcLAHjw.js";import{a as n,l as r,o as i,t as a,u as o}from"./usePageTitle-CUEgSYxO.js";import{n as s,r as c,t as l}from"./States-Fx22-PiY.js";import{t as u}from"./PolicyAudience-C3FAhHc6.js";import{f as d}from"./index-Bfgpyg1k.js";import{n as f}from"./format-B5R3HS_1.js";import{t as p}from"./jsx-runtime-Wy9s6hX0.js";var m=p(),h=i(`
  query Promotions {
    promotions(first: 50) {
      totalCount
      edges {
        node {
          id
          name
          status
          current
          discountBasisPoints
          minQuantity
          validFrom
          validTo
          stacks
          categories
          products {
            id
            sku
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`),g=i(`
  mutation WithdrawPromotion($id: ID!) {
    withdrawPromotion(id: $id) {
      id
      status
      current
      withdrawnAt
    }
  }
`);function _(){let{t:i,i18n:p}=t();a(i(`promotions.title`));let[{data:_,error:v,fetching:y},b]=o({query:h}),[x,S]=r(g),C=(_?.promotions.edges??[]).flatMap(e=>e?.node?[e.node]:[]),w=e=>e.status===`WITHDRAWN`?`withdrawn`:e.current?`current`:`notCurrent`;return(0,m.jsxs)(`section`,{"aria-labelledby":`promotions-title`,children:[(0,m.jsx)(`h1`,{id:`promotions-title`,children:i(`promotions.title`)}),(0,m.jsx)(`p`,{className:`lead`,children:i(`promotions.intro`)}),(0,m.jsx)(`p`,{className:`actions-row`,children:(0,m.jsx)(e,{className:`button button-primary`,to:`/promotions/new`,"data-action":`new-promotion`,children:i(`promotions.new`)})}),x.error&&(0,m.jsx)(`p`,{className:`field-error`,role:`alert`,children:n(i,x.error)}),y&&!_?(0,m.jsx)(c,{}):v&&!_?(0,m.jsx)(s,{error:v,onRetry:()=>b({requestPolicy:`network-only`})}):C.length===0?(0,m.jsx)(l,{children:i(`promotions.empty`)}):(0,m.jsxs)(`table`,{className:`table promotions`,children:[(0,m.jsx)(`thead`,{children:(0,m.jsxs)(`tr`,{children:[(0,m.jsx)(`th`,{scope:`col`,children:i(`promotions.name`)}),(0,m.jsx)(`th`,{scope:`col`,className:`num`,children:i(`promotions.discountField`)}),(0,m.jsx)(`th`,{scope:`col`,children:i(`promotions.covers`)}),(0,m.jsx)(`th`,{scope:`col`,children:i(`promotions.audience`)}),(0,m.jsx)(`th`,{scope:`col`,children:i(`promotions.dates`)}),(0,m.jsx)(`th`,{scope:`col`,children:i(`promotions.state`)}),(0,m.jsx)(`th`,{scope:`col`,children:(0,m.jsx)(`span`,{className:`visually-hidden`,children:i(`promotions.actions`)})})]})}),(0,m.jsx)(`tbody`,{children:C.map(t=>(0,m.jsxs)(`tr`,{"data-promotion":t.name,children:[(0,m.jsx)(`th`,{scope:`row`,"data-label":i(`promotions.name`),children:t.name}),(0,m.jsxs)(`td`,{"data-label":i(`promotions.discountField`),className:`num`,children:[`−`,d(t.discountBasisPoints,p.language),t.minQuantity?(0,m.jsxs)(`span`,{className:`muted`,children:[` · `,i(`promotions.fromQuantity`,{count:t.minQuantity})]}):null,t.stacks?(0,m.jsxs)(`span`,{className:`muted`,children:[` · `,i(`promotions.stacksShort`)]}):null]}),(0,m.jsx)(`td`,{"data-label":i(`promotions.covers`),children:!t.products?.length&&!t.categories?.length?i(`promotions.everyProduct`):[...t.categories??[],...(t.products??[]).map(e=>e.sku)].join(`, `)}),(0,m.jsx)(`td`,{"data-label":i(`promotions.audience`),children:(0,m.jsx)(u,{audience:t.audience})}),(0,m.jsx)(`td`,{"data-label":i(`promotions.dates`),children:f(t.validFrom,t.validTo,p.language)}),(0,m.jsx)(`td`,{"data-label":i(`promotions.state`),children:(0,m.jsx)(`span`,{className:`badge badge-${w(t)}`,children:i(`promotions.states.${w(t)}`)})}),(0,m.jsx)(`td`,{children:t.status===`ACTIVE`&&(0,m.jsxs)(`span`,{className:`actions-row`,children:[(0,m.jsx)(e,{className:`button`,to:`/promotions/${encodeURIComponent(t.id)}/edit`,children:i(`promotions.edit`)}),(0,m.jsx)(`button`,{type:`button`,className:`button button-quiet`,"data-action":`withdraw`,disabled:x.fetching,onClick:()=>{window.confirm(i(`promotions.confirmWithdraw`,{name:t.name}))&&S({id:t.id})},children:i(`promotions.withdraw`)})]})})]},t.id))})]})]})}export{_ as Promotions,h as PromotionsQuery,g as WithdrawPromotionMutation};